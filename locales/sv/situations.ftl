### review: machine-drafted

## Under 18 år

menu-choice-young = Jag är under 18 år
selling-choice-young = Jag är under 18 år
young-start =
    Du är under 18 år. Vad som än har hänt är det inte ditt fel.
    { -svc-bris } finns för barn och unga. Du kan ringa, chatta eller skriva. Det är gratis, och du behöver inte säga ditt namn.
    Tjejer och unga kvinnor kan också chatta med { -svc-tjejzonen }, utan att säga vem de är.
    Är du i fara nu, ring 112.
young-choice-social = Vad gör socialtjänsten?
young-social =
    Socialtjänsten kan hjälpa ett barn att vara tryggt.
    När de får veta att ett barn far illa måste de göra något. Därför kan de inte hålla det hemligt.
    De finns där för att skydda dig, inte för att straffa dig. Du kan prata med { -svc-bris } först och fråga vad som händer.
young-choice-bris = Tillbaka till { -svc-bris }

## Är telefonen säker?

selling-phone = Är den här telefonen säker att använda? Kan någon annan titta i den?
selling-choice-phone-unsafe = Någon kan titta i den
selling-choice-phone-safe = Bara jag använder den
selling-device =
    Tre saker att veta:
    • Ett samtal till { -svc-kvinnofridslinjen } syns inte på telefonräkningen. Men alla samtal syns i telefonens samtalslista. Radera det där efter samtalet.
    • Meddelanden från den här chatten kan synas på låsskärmen. Stäng av förhandsvisning för att dölja dem: i telefonens inställningar under Notiser, eller i Telegram under Inställningar, Aviseringar och ljud.
    • Tryck på Avsluta för att radera meddelandena här. Ta sedan bort själva chatten: på Android, håll fingret på chatten och välj Radera (sveper du åt vänster arkiveras den bara). På iPhone, svep chatten åt vänster och välj Radera.
selling-choice-device-done = Nästa: var jag kan få hjälp

## Vård efter ett sexuellt övergrepp

selling-choice-assault = Efter en våldtäkt eller annat sexuellt våld
selling-assault =
    Hände det nyligen? Ring 112 eller { -svc-vardguiden-1177 } nu. Tiden spelar roll för vilken vård du kan få.
    Det finns ingen särskild mottagning efter sexuellt våld i Östergötland. Vägen in är 112 eller 1177. { -svc-novahuset } i Linköping ger stöd, och där kan du vara anonym.
    Det som hände är inte ditt fel.

## Arbete, lön och id-handlingar

selling-choice-work = Min chef tar mitt pass eller min lön
selling-work =
    Ditt pass och ditt id-kort är dina. Att ta någons pass kan vara ett brott.
    Du kan berätta för polisen. { -svc-brottsofferjouren } stöttar den som drabbats av brott. Du behöver inte göra en polisanmälan först.
    Socialtjänsten kan hjälpa dig med nästa steg.

## Våld i hemmet eller i en relation

relatives-choice-violence = Någon skadar personen hemma eller i en relation
relatives-violence =
    Våld i hemmet eller i en relation är aldrig den utsattas fel.
    { -role-local-violence-support } hjälper den som utsätts och den som utövar våld. { -svc-kvinnofridslinjen } tar också emot samtal från anhöriga.
    Den som använder våld och vill sluta kan ringa { -svc-valj-att-sluta }.
