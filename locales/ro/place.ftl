### review: machine-drafted

## Unde se află persoana, într-un bot pentru mai multe comune: întrebarea se pune o dată,
## prima dată când un pas arată serviciile comunei. Răspunsul există doar în conversație.

place-question = Unde ești? Așa îți pot arăta ajutor aproape de tine. Păstrez răspunsul doar în această conversație și este șters când conversația se termină.
place-button-elsewhere = În altă parte în Suedia
place-button-unsaid = Prefer să nu spun
place-button-change = 📍 Schimbă locul
place-elsewhere-text = Sună la serviciile sociale de unde locuiești. Noaptea, în multe comune, 112 te poate pune în legătură cu ele.

## Serviciile proprii ale comunei Linköping (flows/areas/linkoping.toml), arătate când
## persoana a spus că este în Linköping.

svc-linkoping-sociala-jouren-about = Serviciile sociale de gardă din Linköping. Deschis seara și în weekend. Îi poți contacta și prin 112.
svc-linkoping-sociala-jouren-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-linkoping-rad-och-stod-about = Biroul serviciilor sociale pentru sfaturi și sprijin din Linköping. Poți primi sfaturi la telefon sau poți face o programare pentru o discuție.
svc-linkoping-rad-och-stod-anon = Nu trebuie să spui cum te cheamă ca să primești sfaturi.
