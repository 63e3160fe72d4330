### review: machine-drafted

## Sub 18 ani

menu-choice-young = Am sub 18 ani
selling-choice-young = Am sub 18 ani
young-start =
    Ai sub 18 ani. Orice s-ar fi întâmplat, nu este vina ta.
    { -svc-bris } este acolo pentru copii și tineri. Poți suna, scrie pe chat sau trimite un mesaj. Este gratuit și nu trebuie să-ți spui numele.
    Fetele și tinerele pot scrie și pe chat cu { -svc-tjejzonen }, fără să spună cine sunt.
    Dacă ești în pericol acum, sună la 112.
young-choice-social = Ce fac serviciile sociale?
young-social =
    Serviciile sociale pot ajuta un copil să fie în siguranță.
    Când află că un copil este în pericol, trebuie să acționeze. De aceea nu pot păstra secretul.
    Sunt acolo ca să te protejeze, nu ca să te pedepsească. Poți vorbi mai întâi cu { -svc-bris } și să întrebi ce se va întâmpla.
young-choice-bris = Înapoi la { -svc-bris }

## Este telefonul sigur?

selling-phone = Este sigur să folosești acest telefon? S-ar putea uita altcineva în el?
selling-choice-phone-unsafe = Cineva s-ar putea uita în el
selling-choice-phone-safe = Doar eu îl folosesc
selling-device =
    Trei lucruri de știut:
    • Un apel la { -svc-kvinnofridslinjen } nu apare pe factura de telefon. Dar orice apel apare în lista de apeluri a telefonului. Șterge-l de acolo după apel.
    • Mesajele din acest chat pot apărea pe ecranul de blocare. Ca să le ascunzi, oprește previzualizarea mesajelor: în setările telefonului, la Notificări, sau în Telegram, la Setări, Notificări și sunete.
    • Apasă Ieșire ca să ștergi mesajele de aici. Apoi scoate chatul însuși: pe Android, ține apăsat pe chat și alege Șterge (dacă îl glisezi spre stânga, doar îl arhivezi). Pe iPhone, glisează chatul spre stânga și alege Șterge.
selling-choice-device-done = Mai departe: unde primesc ajutor

## Sănătate după o agresiune sexuală

selling-choice-assault = După un viol sau o agresiune sexuală
selling-assault =
    Dacă s-a întâmplat de curând, sună acum la 112 sau la { -svc-vardguiden-1177 }. Timpul contează pentru îngrijirea pe care o poți primi.
    În Östergötland nu există o clinică specială după violență sexuală: calea de intrare este 112 sau 1177. { -svc-novahuset } din Linköping oferă sprijin, fără să fie nevoie să spui cine ești.
    Ce s-a întâmplat nu este vina ta.

## Muncă, salariu și acte

selling-choice-work = Șeful îmi ține pașaportul sau banii
selling-work =
    Pașaportul și actul tău de identitate sunt ale tale. Să iei pașaportul cuiva poate fi o infracțiune.
    Poți spune poliției. { -svc-brottsofferjouren } sprijină persoanele afectate de infracțiuni. Nu trebuie să faci mai întâi plângere la poliție.
    Serviciile sociale te pot ajuta cu pasul următor.

## Violență acasă sau în cuplu

relatives-choice-violence = Cineva îi face rău acasă sau în cuplu
relatives-violence =
    Violența acasă sau în cuplu nu este niciodată vina persoanei care o suferă.
    { -role-local-violence-support } ajută persoanele care suferă violență și persoanele care o folosesc. { -svc-kvinnofridslinjen } primește și apeluri de la rude.
    Cine folosește violența și vrea să se oprească poate suna la { -svc-valj-att-sluta }.
