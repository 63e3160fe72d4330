### review: machine-drafted

menu-hello = مرحبًا!
menu-help = مساعدة
