### review: machine-drafted

## Var personen är, i en bot för flera kommuner: frågan ställs en gång, första gången ett
## steg visar kommunens egna tjänster. Svaret finns bara i samtalet.

place-question = Var är du? Då kan jag visa hjälp nära dig. Svaret sparas bara i det här samtalet och raderas när samtalet tar slut.
place-button-elsewhere = Någon annanstans i Sverige
place-button-unsaid = Jag vill inte säga
place-button-change = 📍 Byt plats
place-elsewhere-text = Ring socialtjänsten där du bor. På natten kan 112 koppla dig vidare i många kommuner.

## Linköpings egna tjänster (flows/areas/linkoping.toml), visade när personen har sagt
## att hen är i Linköping.

svc-linkoping-sociala-jouren-about = Socialjouren i Linköping. Öppen på kvällar och helger. Du kan också nå dem genom 112.
svc-linkoping-sociala-jouren-anon = Du kan först fråga om du måste säga ditt namn.
svc-linkoping-rad-och-stod-about = Socialtjänstens mottagning för råd och stöd i Linköping. Du kan få råd i telefon eller boka en tid för ett samtal.
svc-linkoping-rad-och-stod-anon = Du behöver inte säga ditt namn för att få råd.
