young = [sv] young
understanding-distress = [sv] distress
understanding-did-you-mean = [sv] did you mean
understanding-not-understood = [sv] not understood, 112
