### review: machine-drafted

## Înțelegerea a ceea ce scriu oamenii: răspunsuri la cuvinte scrise

understanding-distress =
    Se pare că ți-e frică sau că ești în pericol. Nu ești singură sau singur cu asta și nu este vina ta.
    Dacă ești în pericol acum, sună la 112. Numărul răspunde zi și noapte.
    Liniile de mai jos răspund și ele zi și noapte.
understanding-did-you-mean = Te-ai referit la una dintre acestea? Apasă pe cea potrivită. Dacă nu se potrivește niciuna, alege din meniul de mai sus sau scrie cu alte cuvinte.
understanding-not-understood =
    Îmi pare rău, nu am înțeles. Folosește butoanele sau scrie /help.
    În pericol acum? Sună la 112.
