### review: machine-drafted

## Svar på frågor som folk ställer var som helst i samtalet. Varje svar är kort;
## tjänsterna kommer efter det, sedan samma steg igen.

# Ett skrivet meddelande var på ett annat språk än chattens: boten svarar på det.
language-switched = Jag svarar på svenska, eftersom du skrev på svenska. Skriv /language om du vill välja ett annat språk.

question-person = Den här chatten är ingen person. Du kan prata med en riktig människa på linjerna nedanför. Du behöver inte säga ditt namn.
question-legal =
    I Sverige är det inte ett brott att sälja sex. Att köpa sex är ett brott: köparen kan få böter eller fängelse.
    Du blir inte straffad för att du säljer sex. Du kan be om hjälp utan att vara rädd för det.
question-rape =
    Det som hände är inte ditt fel.
    Ring 112 eller { -svc-vardguiden-1177 } nu om det hände nyligen. Tiden spelar roll för vilken vård du kan få.
question-health = { -svc-vardguiden-1177 } ger råd om hälsa dygnet runt. Samtalen skrivs in i din journal, så de är inte anonyma.
question-shelter = Om du inte har någonstans att sova i natt, ring socialtjänsten. På kvällar, nätter och helger svarar socialjouren.
question-witness =
    Om ett barn eller någon annan är i fara just nu, ring 112.
    Säg var det händer.
question-professional = Frågar du i ditt arbete? Det nationella metodstödet mot prostitution och människohandel ger råd till personal. Om ett barn far illa, gör en orosanmälan till socialtjänsten.
