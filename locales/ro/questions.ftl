### review: machine-drafted

## Răspunsuri la întrebări pe care oamenii le pun oriunde în conversație. Fiecare
## răspuns e scurt; urmează serviciile, apoi același pas din nou.

# Un mesaj scris în altă limbă decât a conversației: botul răspunde în ea.
language-switched = Îți răspund în română, pentru că ai scris în română. Ca să alegi altă limbă, scrie /language.

question-person = Această conversație nu este cu o persoană. Poți vorbi cu un om adevărat la liniile de mai jos. Nu trebuie să îți spui numele.
question-legal =
    În Suedia nu este o infracțiune să vinzi sex. Să cumperi sex este o infracțiune: cumpărătorul poate primi amendă sau închisoare.
    Nu vei fi pedepsit(ă) pentru că vinzi sex. Poți cere ajutor fără teamă de asta.
question-papers =
    Dacă nu ai voie să stai în Suedia și poate ești victimă a traficului de persoane, poți primi timp să te odihnești și să te gândești: un permis pentru 30 de zile.
    Serviciile sociale pot cere acest permis pentru tine. Nu trebuie să mergi mai întâi la poliție.
    Vorbește cu serviciile sociale. Liniile de mai jos te pot ajuta să ajungi acolo.
question-rape =
    Ce s-a întâmplat nu este vina ta.
    Sună acum la 112 sau la { -svc-vardguiden-1177 } dacă s-a întâmplat de curând. Timpul contează pentru îngrijirea pe care o poți primi.
question-health = { -svc-vardguiden-1177 } dă sfaturi de sănătate zi și noapte. Apelurile sunt scrise în fișa ta medicală, deci nu sunt anonime.
question-shelter = Dacă nu ai unde să dormi la noapte, sună la serviciile sociale. Seara, noaptea și în weekend răspunde serviciul social de gardă.
question-money = Dacă nu ai bani de mâncare sau de chirie, serviciile sociale te pot ajuta. Îi poți întreba ce ajutor există.
question-witness =
    Dacă un copil sau altcineva este în pericol chiar acum, sună la 112. Apelul este gratuit.
    Spune unde se întâmplă.
question-professional = Întrebi ca profesionist? Sprijinul național împotriva prostituției și traficului de persoane dă sfaturi personalului. Dacă un copil este în pericol, fă o sesizare la serviciile sociale.
question-leave = Poți primi ajutor ca să nu mai vinzi sex. Serviciile sociale te pot ajuta cu locuință, bani și sprijin, iar tu decizi ritmul.
question-safehouse = Dacă ai nevoie de un loc sigur unde să te ascunzi, serviciile sociale pot aranja o locuință protejată. Noaptea, sună la serviciul social de gardă.
question-debt = O datorie față de cei care te-au adus aici sau care te controlează este un mod obișnuit de a ține o persoană prinsă. Poți primi ajutor fără să plătești mai întâi acei bani.
question-drugs = Mulți oameni beau sau iau droguri ca să reziste. Poți primi ajutor fără să fii judecat(ă). Serviciile sociale și { -svc-vardguiden-1177 } îți pot spune unde să te adresezi.
question-suicide =
    E bine că ai scris. Nu trebuie să fii singur(ă) cu asta.
    Dacă ești în pericol să îți faci rău acum, sună la 112.
    Liniile de mai jos răspund. Poți vorbi despre cum te simți.
