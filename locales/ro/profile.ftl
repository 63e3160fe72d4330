### review: machine-drafted

## Profilul botului pe Telegram, pe care botul îl setează singur la pornire.
## Îl vede oricine deschide botul, și pe un telefon la care se uită și alții:
## spune ce oferă botul, niciodată prin ce ar putea trece cine îl folosește.

# Apare în conversația goală, înainte ca persoana să apese Start (cel mult 512 caractere).
bot-description =
    Ai întrebări despre situația ta sau a altcuiva? Aici afli unde poți găsi sprijin și sfaturi.
    Nu trebuie să spui cine ești. Poți șterge conversația oricând vrei.
    În caz de pericol, sună la 112.

# Apare pe profilul botului și când este distribuit (cel mult 120 de caractere).
bot-short-description = Îndrumare anonimă spre sprijin și sfaturi. Nu trebuie să dai numele.
