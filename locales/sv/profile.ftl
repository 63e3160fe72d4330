### review: machine-drafted

## Botens profil på Telegram, som boten själv ställer in när den startar.
## Syns för alla som öppnar boten, också på en telefon som andra tittar på:
## säg vad boten erbjuder, aldrig vad den som använder den kan gå igenom.

# Visas i den tomma chatten innan personen trycker på Starta (högst 512 tecken).
bot-description =
    Frågor om din situation, eller någon annans? Här får du veta vart du kan vända dig för stöd och råd.
    Du behöver inte säga vem du är. Du kan radera chatten när du vill.
    Vid fara, ring 112.

# Visas på botens profil och när den delas (högst 120 tecken).
bot-short-description = Anonym vägledning till stöd och råd. Du behöver inte uppge namn.
