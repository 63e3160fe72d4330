### review: machine-drafted

## Where the person is, in a bot for several municipalities: asked once, the first time a
## step shows the municipality's own services. The answer lives only in the conversation.

place-question = Где вы находитесь? Тогда я покажу помощь рядом с вами. Ваш ответ хранится только в этом разговоре и удаляется, когда разговор заканчивается.
place-button-elsewhere = В другом месте Швеции
place-button-unsaid = Не хочу говорить
place-button-change = 📍 Изменить место
place-elsewhere-text = Позвоните в социальную службу там, где вы живёте. Ночью во многих коммунах 112 может соединить вас с ней.

## Linköping's own services (flows/areas/linkoping.toml), shown when the person has said
## they are in Linköping.

svc-linkoping-sociala-jouren-about = Дежурная социальная служба в Линчёпинге. Работает по вечерам и в выходные. С ней можно связаться и через 112.
svc-linkoping-sociala-jouren-anon = Можно сначала спросить, нужно ли называть своё имя.
svc-linkoping-rad-och-stod-about = Социальная служба Линчёпинга для советов и поддержки. Можно получить совет по телефону или записаться на разговор.
svc-linkoping-rad-och-stod-anon = Чтобы получить совет, не нужно называть своё имя.
