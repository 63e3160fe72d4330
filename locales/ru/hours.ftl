### review: machine-drafted

## Opening hours: when everything in a step is closed, and open over several days.

hours-open-until-day =
    Сейчас открыто, до { $closes } { $weekday ->
        [mon] в понедельник
        [tue] во вторник
        [wed] в среду
        [thu] в четверг
        [fri] в пятницу
        [sat] в субботу
       *[sun] в воскресенье
    }.
hours-all-closed =
    Сейчас все эти места закрыты. Первое откроется { $today ->
        [yes] сегодня
       *[no] { $weekday ->
            [mon] в понедельник
            [tue] во вторник
            [wed] в среду
            [thu] в четверг
            [fri] в пятницу
            [sat] в субботу
           *[sun] в воскресенье
        }
    } в { $opens }.
hours-open-day-and-night = Эта линия отвечает круглосуточно:
