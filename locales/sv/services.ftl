### review: machine-drafted

## Tjänstekatalogen: en text per tjänst som visas (flows/services.toml och områdets
## fil), vad den erbjuder och hur anonym den är. Nämn en tjänst i andra texter med
## { -svc-ID } eller { -role-ROLL }, aldrig genom att skriva namnet.

anonymity-unknown = Vi vet inte om du kan vara anonym här.
svc-sos-112-about = Larmnummer till polis, ambulans och räddningstjänst, när någon är i fara just nu. Du kan tala svenska eller engelska, och de kan koppla in tolk.
svc-sos-112-anon = De frågar var du är, så att hjälpen kan nå dig.
svc-polisen-about = Polisen. För tips och anmälningar som inte är akuta: ring, eller använd tipsformuläret på webben. Vid nödläge, ring 112.
svc-polisen-anon = Ett tips via webbformuläret är krypterat på vägen, men det blir en allmän handling. Skriv inte med sådant som kan peka ut dig.
svc-kvinnofridslinjen-about = Nationell stödtelefon för kvinnor som har utsatts för våld, också sexuellt utnyttjande. Anhöriga och de som möter det i jobbet får också ringa.
svc-kvinnofridslinjen-anon = Du behöver inte säga ditt namn. Samtalet syns inte på telefonräkningen.
svc-nmt-about = Råd till dem som möter prostitution eller människohandel i sitt arbete. Öppet vardagar, kontorstid. Om det är bråttom, ring polisen på 114 14 eller socialjouren.
svc-nmt-anon = Du behöver inte säga namnet på den du är orolig för för att få råd.
svc-ecpat-hotline-about = Anmäl sexuell exploatering av barn med ECPAT:s formulär på webben. Det finns ingen telefon.
svc-ecpat-hotline-anon = Du kan anmäla utan att säga ditt namn.
svc-socialtjansten-about = Socialtjänsten i din kommun: stöd och råd för alla. Utanför kontorstid, fråga efter socialjouren. Numret finns på kommunens webbplats.
svc-socialtjansten-anon = Du kan fråga om råd utan att säga vem du är. Om ett barn far illa måste de agera.
svc-bris-about = För barn och unga under 18. Ring, eller chatta, mejla eller sms:a via webbplatsen.
svc-bris-anon = Det är gratis, och du behöver inte säga vem du är.
svc-brottsofferjouren-about = Stöd för dig som har drabbats av ett brott. Du behöver inte ha gjort en polisanmälan.
svc-brottsofferjouren-anon = Det är gratis, och du kan vara anonym om du vill.
svc-vardguiden-1177-about = Råd om vård per telefon, dygnet runt. Om ett liv är i fara, ring 112.
svc-vardguiden-1177-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-stodlinjen-man-about = Nationell stödtelefon för män som har utsatts för våld.
svc-stodlinjen-man-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-stodlinjen-trans-about = Nationell stödtelefon för transpersoner som har utsatts för våld.
svc-stodlinjen-trans-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-valj-att-sluta-about = Nationell telefon för dig som använder våld mot en partner eller familj och vill sluta.
svc-valj-att-sluta-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-evonhuset-about = I Malmö: för den som säljer eller köper sex, och för den som har utsatts för människohandel, från 15 år. Vi vet inte om de hjälper folk från andra orter. Fråga dem.
svc-evonhuset-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-pegasus-about = För hbtq-personer mellan 15 och 25 som har sålt eller bytt sex. Chatt på webbplatsen.
svc-pegasus-anon = Chatten är anonym.
svc-preventell-about = En telefon för hela landet, för dig som oroar dig för ditt eget sexliv eller det du gör. Den finns på Karolinska universitetssjukhuset.
svc-preventell-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
svc-norrkoping-socialjour-about = Socialjouren i Norrköping. De svarar när kontoren är stängda, alla dagar om året.
svc-norrkoping-socialjour-anon = Du kan ringa utan att säga vem du är. Om ett barn far illa måste de agera.
svc-norrkoping-kontaktcenter-about = Kommunens växel i Norrköping. Be att få tala med socialtjänsten. I juni, juli och augusti stänger den klockan 16.
svc-norrkoping-kontaktcenter-anon = Du kan fråga vad de behöver veta innan du säger vem du är. Om ett barn far illa måste de agera.
svc-norrkoping-kontaktcenter-meanwhile = När det är stängt, ring { -role-local-on-call }. Om det är akut, ring 112.
svc-norrkoping-frideborg-about = Norrköpings stöd vid våld i nära relationer: för den som utsätts, för den som utövar det, och för barn från 4 år som har sett det.
svc-norrkoping-frideborg-anon = Du kan fråga vad de behöver veta innan du säger vem du är.
