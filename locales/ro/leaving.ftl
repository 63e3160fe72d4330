### review: machine-drafted

## Ajutor ca să ieși: adăpost protejat, datorii, alcool și droguri, criză noaptea

# Sub fiecare pas care arată serviciile municipalității.
local-elsewhere = Locuiești în altă municipalitate? Sună la serviciile sociale de unde locuiești. Noaptea, în multe municipalități, 112 te poate pune în legătură cu ele.

selling-choice-crisis = Gânduri de sinucidere sau o criză
selling-choice-debt = Cineva spune că îi datorez bani
selling-choice-drugs = Alcool sau droguri
selling-choice-safehouse = Un adăpost protejat, departe de cine mă controlează

selling-crisis =
    Mulțumesc că mi-ai spus. Nu ar trebui să duci asta de unul singur sau de una singură.
    Ți-ai putea face rău chiar acum? Sună la 112.
    { -svc-sjalvmordslinjen } răspunde zi și noapte, la telefon sau pe chat. Nu trebuie să spui cine ești. { -svc-vardguiden-1177 } dă sfaturi medicale la orice oră.
    Pentru un adult în criză acută, 112 poate trimite și ajutor la fața locului.

selling-debt =
    Spune cineva că îi datorezi bani pentru drum, pentru o cameră sau pentru „protecție”? Și folosește datoria ca să te facă să faci sex pentru bani sau să muncești? Nu este vina ta.
    Poți vorbi despre asta cu { -svc-brottsofferjouren }. Nu trebuie să faci mai întâi plângere la poliție. Poți spune și poliției.
    Pentru alte datorii, de exemplu facturi sau împrumuturi, cere consilierea gratuită pentru buget și datorii a municipalității.

selling-drugs =
    Bei sau consumi droguri și vrei să schimbi asta? Poți cere ajutor.
    { -svc-droghjalpen } este o linie gratuită pentru cei care consumă droguri și pentru apropiații lor. Nu trebuie să spui cine ești.
    Pentru alcool există { -svc-alkoholhjalpen }, tot fără nume și gratuit. Numărul nu este încă confirmat, așa că nu apare aici.
    Poți cere ajutor pentru alcool sau droguri și de la serviciile sociale.

selling-safehouse =
    Ai nevoie să pleci de lângă cineva care te controlează, într-un loc protejat unde să stai?
    Locul se obține prin serviciile sociale (noaptea, prin serviciul de gardă) sau prin poliție. Nu îl poți rezerva singur sau singură.
    { -svc-talita } are adăposturi pentru femei în Stockholm. { -svc-noomi } este un adăpost în Malmö pentru persoane de la 18 ani.
    { -svc-safe-havens } dă sfaturi gratuite oricărei persoane care poate fi victimă a traficului, indiferent de acte.
    Dacă ești în pericol acum, sună la 112.
