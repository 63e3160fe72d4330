### review: machine-drafted

## Where the person is, in a bot for several municipalities: asked once, the first time a
## step shows the municipality's own services. The answer lives only in the conversation.

place-question = Where are you? Then I can show you help near you. I keep your answer only in this conversation, and it is deleted when the conversation ends.
place-button-elsewhere = Somewhere else in Sweden
place-button-unsaid = I'd rather not say
place-button-change = 📍 Change place
place-elsewhere-text = Call the social services where you live. At night, 112 can put you through in many municipalities.

## Linköping's own services (flows/areas/linkoping.toml), shown when the person has said
## they are in Linköping.

svc-linkoping-sociala-jouren-about = The on-call social services in Linköping. Open in the evenings and at weekends. You can also reach them through 112.
svc-linkoping-sociala-jouren-anon = You can first ask whether you need to give your name.
svc-linkoping-rad-och-stod-about = The social services' desk for advice and support in Linköping. You can get advice on the phone, or book a time to talk.
svc-linkoping-rad-och-stod-anon = You do not need to give your name to get advice.
