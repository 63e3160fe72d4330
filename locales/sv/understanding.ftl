### review: machine-drafted

## Att förstå vad folk skriver: svar på skrivna ord

understanding-distress =
    Det låter som att du kan vara rädd eller i fara. Du är inte ensam, och det är inte ditt fel.
    Är du i fara just nu, ring 112. Numret svarar dygnet runt.
    Linjerna nedanför svarar också dygnet runt.
understanding-did-you-mean = Menade du något av det här? Tryck på det som passar. Om inget passar, välj i menyn ovanför eller skriv med andra ord.
understanding-not-understood =
    Förlåt, jag förstod inte. Använd knapparna eller skriv /help.
    I fara just nu? Ring 112.
