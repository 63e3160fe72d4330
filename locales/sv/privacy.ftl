### review: machine-drafted

## Meddelanden om radering. Vart och ett säger bara det som verkligen hände.

# Snabbutgång när några meddelanden inte kunde raderas.
exit-partial =
    Jag kunde inte radera alla meddelanden i samtalet. Några kan finnas kvar i chatten.

    Radera chatten själv nu: på en telefon, håll fingret på chatten (eller svep den åt vänster) och välj Radera. På en dator, högerklicka och välj Radera chatt.

# Ett meddelande med personuppgifter som inte kunde raderas.
personal-data-kept = Du behöver inte dela telefonnummer, e-postadresser, personnummer eller adresser här. Jag kunde inte radera meddelandet: radera det själv (håll fingret på det och välj Radera).

# En delad position, liveposition, kontakt eller plats som har raderats.
shared-deleted = Jag raderade positionen eller kontakten som du delade. Du behöver inte berätta här var du är eller vem du känner.

# En delad position, liveposition, kontakt eller plats som inte kunde raderas.
shared-kept = Du behöver inte dela en position eller kontakt här. Jag kunde inte radera den: radera den själv (håll fingret på den och välj Radera), och sluta dela din liveposition om den är på.
