### review: machine-drafted

## Opening hours: when everything in a step is closed, and open over several days.

hours-open-until-day =
    Open now, until { $weekday ->
        [mon] Monday
        [tue] Tuesday
        [wed] Wednesday
        [thu] Thursday
        [fri] Friday
        [sat] Saturday
       *[sun] Sunday
    } at { $closes }.
hours-all-closed =
    All the places here are closed right now. The first one opens { $today ->
        [yes] today
       *[no] on { $weekday ->
            [mon] Monday
            [tue] Tuesday
            [wed] Wednesday
            [thu] Thursday
            [fri] Friday
            [sat] Saturday
           *[sun] Sunday
        }
    } at { $opens }.
hours-open-day-and-night = This line answers day and night:
