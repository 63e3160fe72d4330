### review: machine-drafted

## Mesaje despre ștergere. Fiecare spune doar ce s-a întâmplat cu adevărat.

# Ieșirea rapidă, când unele mesaje nu au putut fi șterse.
exit-partial =
    Nu am putut șterge toate mesajele acestei conversații. Unele pot fi încă în chat.

    Șterge chiar tu chatul acum: pe telefon, ține apăsat pe chat (sau glisează-l spre stânga) și alege Șterge. Pe calculator, dă clic dreapta pe el și alege Șterge chatul.

# Un mesaj cu date personale care nu a putut fi șters.
personal-data-kept = Nu e nevoie să dai aici numere de telefon, adrese de e-mail, coduri numerice personale sau adrese. Nu am putut șterge mesajul: te rog să-l ștergi tu (ține apăsat pe el și alege Șterge).

# O locație, o locație în timp real, un contact sau un loc trimis și șters.
shared-deleted = Am șters locația sau contactul pe care l-ai trimis. Nu e nevoie să spui aici unde ești sau pe cine cunoști.

# O locație, o locație în timp real, un contact sau un loc care nu a putut fi șters.
shared-kept = Nu e nevoie să trimiți aici o locație sau un contact. Nu am putut să-l șterg: te rog să-l ștergi tu (ține apăsat pe el și alege Șterge) și oprește partajarea locației în timp real, dacă este pornită.
