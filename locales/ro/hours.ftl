### review: machine-drafted

## Program: când totul dintr-un pas este închis, și deschis mai multe zile la rând.

hours-open-until-day =
    Deschis acum, până { $weekday ->
        [mon] luni
        [tue] marți
        [wed] miercuri
        [thu] joi
        [fri] vineri
        [sat] sâmbătă
       *[sun] duminică
    } la ora { $closes }.
hours-all-closed =
    Toate locurile de aici sunt închise acum. Primul se deschide { $today ->
        [yes] azi
       *[no] { $weekday ->
            [mon] luni
            [tue] marți
            [wed] miercuri
            [thu] joi
            [fri] vineri
            [sat] sâmbătă
           *[sun] duminică
        }
    } la ora { $opens }.
hours-open-day-and-night = Această linie răspunde zi și noapte:
