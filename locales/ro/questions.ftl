### review: machine-drafted

## Răspunsuri la întrebări pe care oamenii le pun oriunde în conversație. Fiecare
## răspuns e scurt; urmează serviciile, apoi același pas din nou.

# Un mesaj scris în altă limbă decât a conversației: botul răspunde în ea.
language-switched = Îți răspund în română, pentru că ai scris în română. Ca să alegi altă limbă, scrie /language.

question-person = Această conversație nu este cu o persoană. Poți vorbi cu un om adevărat la liniile de mai jos. Nu trebuie să îți spui numele.
question-legal =
    În Suedia nu este o infracțiune să vinzi sex. Să cumperi sex este o infracțiune: cumpărătorul poate primi amendă sau închisoare.
    Nu vei fi pedepsit(ă) pentru că vinzi sex. Poți cere ajutor fără teamă de asta.
question-rape =
    Ce s-a întâmplat nu este vina ta.
    Sună acum la 112 sau la { -svc-vardguiden-1177 } dacă s-a întâmplat de curând. Timpul contează pentru îngrijirea pe care o poți primi.
question-health = { -svc-vardguiden-1177 } dă sfaturi de sănătate zi și noapte. Apelurile sunt scrise în fișa ta medicală, deci nu sunt anonime.
question-shelter = Dacă nu ai unde să dormi la noapte, sună la serviciile sociale. Seara, noaptea și în weekend răspunde serviciul social de gardă.
question-witness =
    Dacă un copil sau altcineva este în pericol chiar acum, sună la 112.
    Spune unde se întâmplă.
question-professional = Întrebi ca profesionist? Sprijinul național împotriva prostituției și traficului de persoane dă sfaturi personalului. Dacă un copil este în pericol, fă o sesizare la serviciile sociale.
