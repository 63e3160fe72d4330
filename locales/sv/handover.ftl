### review: machine-drafted

## Att skriva med en person

handover-offer-button = 💬 Skriv med en person här
handover-consent =
    Du kan skriva med en person från { $service } här i chatten.
    Personen ser inte ditt namn eller ditt konto, och du ser inte vem personen är.
    Boten skickar vidare det ni skriver. Boten sparar det inte.
    Du kan sluta när du vill med knappen Avsluta och radera.
handover-consent-button = Ja, jag vill skriva med en person
handover-unavailable = Just nu kan ingen svara här. Du kan nå någon av dessa i stället.
handover-waiting = Nu är du kopplad. Skriv här, så svarar en person så snart hen kan.
handover-delayed = Ditt meddelande skickas om en liten stund. Det kommer fram.
handover-capped = Du skrev mycket på en gång. Dina senaste meddelanden skickades inte vidare. Vänta en stund och skriv sedan igen.
handover-only-text = Bara text skickas vidare. Skriv gärna det du vill säga med ord.
handover-personal-held =
    Ditt meddelande hade något som kan visa vem du är, till exempel ett nummer eller en adress.
    Jag tog bort det från chatten. Vill du att personen ska få det?
handover-personal-send = Ja, skicka det
handover-personal-drop = Nej, skicka inte
handover-personal-sent = Det är skickat.
handover-personal-dropped = Det skickades inte.
handover-ended-staff = Personen har avslutat samtalet. Tack för att du skrev. Du kan börja igen när du vill.
handover-ended-inactive = Samtalet slutade för att ingen skrev på ett tag. Du kan börja igen när du vill.
handover-ended-restart = Samtalet med personen bröts av tekniska skäl. Försök gärna igen senare.

## Till personalen i gruppen

handover-staff-case = Nytt samtal. Språk: { $lang }. Steg: { $trail }
handover-staff-person-left = { $case }: personen gick. Ämnet tas bort.
handover-staff-ended = { $case }: samtalet är slut. Ämnet tas bort.
handover-staff-inactive = { $case }: ingen skrev på ett tag, så samtalet är slut. Ämnet tas bort.
handover-staff-only-text = Bara text skickas vidare. Det här kom inte fram till personen.
handover-staff-urgent = ⚠ Personen fick se informationen om akut hjälp.
handover-staff-available = Tillgängliga nu: { $count }
handover-staff-restart = Boten startade om. Samtal som var öppna innan är slut.
