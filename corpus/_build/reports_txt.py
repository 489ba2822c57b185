"""Plain scraped-text reports (corpus/txt)."""

BURJ, PARIS = "2015-11-12-burj-al-barajneh", "2015-11-13-paris-attacks"
QAA, ATA = "2016-06-27-qaa-bombings", "2016-06-28-ataturk-airport"
KARAK, REINA = "2016-12-18-karak-attack", "2017-01-01-reina-nightclub"
MAN = "2017-05-22-manchester-arena"


def T(key, outlet, url, date, title, paras, facts, context=(), **kw):
    return dict(key="txt/" + key, form="txt", outlet=outlet, url=url, date=date, title=title,
                paras=paras, facts=list(facts), context=list(context), **kw)


REPORTS = [
    T("lw-burj-al-barajneh-blasts.txt", "Levant Wire",
      "https://levantwire.example/lebanon/2015/11/12/twin-suicide-blasts-burj-al-barajneh",
      "2015-11-12T21:10:00+02:00", "Twin suicide bombings kill 43 in Beirut's Burj al-Barajneh",
      ["Two suicide bombers struck the Burj al-Barajneh district of Beirut on Thursday, killing 43 people, "
       "security sources said.",
       "The Islamic State group claimed responsibility for the twin bombings in a statement circulated "
       "online.",
       "A security official, speaking on condition of anonymity, said investigators were examining how "
       "the bombers reached the area.",
       "A government official appealed for calm and urged residents not to spread unverified reports. "
       "Officials did not say whether any arrests had been made.",
       "Lebanon has faced repeated spillover from the war in neighbouring Syria. Militants overran the "
       "border town of Arsal in August 2014 and captured Lebanese soldiers, an episode that still weighs "
       "on the country's security services."],
      [BURJ], ["2014-08-02-arsal-overrun"],
      related=["Lebanese army reinforces positions around Arsal"]),
    T("md-beirut-suburb-bombings.txt", "Meridian Daily",
      "https://meridiandaily.example/world/middle-east/beirut-bombings-islamic-state-claim",
      "2015-11-13T07:45:00+00:00", "Islamic State says it was behind Beirut double bombing",
      ["The death toll from a double suicide attack in Beirut has reached 43, Lebanese officials said "
       "overnight, as the Islamic State group said it had carried out the bombings.",
       "The two blasts hit Burj al-Barajneh, a district of the Lebanese capital, on Thursday.",
       "Officials did not give a breakdown of the victims, and a security source said the investigation "
       "was at an early stage.",
       "Analysts said the attack "
       "showed the group's willingness to strike well beyond the territory it holds in Syria and Iraq, "
       "where it captured Mosul in June 2014.",
       "Security forces have made no public statement about arrests."],
      [BURJ], ["2014-06-10-mosul-captured"],
      standfirst="Death toll stands at 43 after two suicide bombers struck a crowded Beirut district",
      related=["Inside Lebanon's long struggle to seal its eastern border"],
      sponsored="This retirement calculator is surprising savers across Europe"),
    T("nl-paris-attacks-day-after-beirut.txt", "The Northern Ledger",
      "https://northernledger.example/news/world/paris-attacks-130-killed",
      "2015-11-14T18:20:00-05:00", "Paris attacks kill 130; Islamic State claims responsibility",
      ["Attacks in Paris on Friday killed 130 people, French authorities said, and the Islamic "
       "State group has claimed responsibility.",
       "The attacks came one day after twin suicide bombings in the Burj al-Barajneh district of Beirut "
       "killed 43 people, an attack the same group also claimed.",
       "Canadian officials said consular staff were working with French authorities. A spokesperson "
       "said the department had no further information it could release.",
       "Officials in Ottawa said they would update Canadians as more information became available. The "
       "federal government has condemned the attacks."],
      [PARIS], [BURJ], city="OTTAWA", byline="Staff",
      related=["Beirut bombings: what we know about the Burj al-Barajneh attack"],
      video="Paris attacks: what we know so far"),
    T("cb-paris-night-of-attacks.txt", "Coastline Broadcasting",
      "https://coastline.example/news/2015-11-14/paris-attacks-death-toll-130/77120",
      "2015-11-14T06:05:00+11:00", "Paris attacks: 130 killed as France mourns",
      ["France is in mourning after a series of attacks in Paris killed 130 people.",
       "The Islamic State group said its members carried out the attacks, according to a statement "
       "published online.",
       "A police source told "
       "local media that investigators were working to identify everyone involved.",
       "Officials said the investigation was continuing and that more information would be released "
       "when it was confirmed.",
       "Governments around the world condemned the attacks and offered their support to France. "
       "Coastline's Europe correspondent said the mood in the city was one of shock."],
      [PARIS], video="Scenes from Paris after the attacks", duration="2:14",
      related=["How the world reacted to the Paris attacks"]),
    T("lw-qaa-suicide-bombers.txt", "Levant Wire",
      "https://levantwire.example/lebanon/2016/06/27/qaa-suicide-bombings-five-dead",
      "2016-06-27T16:30:00+03:00", "Eight suicide bombers strike Lebanese border village of Qaa",
      ["Eight suicide bombers struck the village of Qaa near Lebanon's border with Syria on Monday, "
       "killing five people, security sources said.",
       "There was no immediate claim of responsibility, but security officials attributed the attack to "
       "the Islamic State group.",
       "A military spokesman said troops had sealed off the area and were searching surrounding farmland. "
       "He gave no further details.",
       "A security source said investigators were working to establish how the bombers reached the "
       "village. Officials did not say whether anyone had been detained.",
       "The attack comes seven months after twin suicide bombings in Beirut's Burj al-Barajneh district "
       "killed 43 people in November 2015."],
      [QAA], [BURJ], city="QAA, Lebanon",
      related=["Security tightened along Lebanon's northeastern frontier"]),
    T("bc-ataturk-airport-attack.txt", "Bosphorus Courier",
      "https://bosphoruscourier.example/turkey/ataturk-airport-attack-45-killed",
      "2016-06-29T11:15:00+03:00", "Death toll in Ataturk Airport attack rises to 45",
      ["The number of people killed in Tuesday's attack on Istanbul's Ataturk Airport has risen to "
       "45, officials said on Wednesday.",
       "Turkish officials attributed the attack to the Islamic State group. No group had claimed it by "
       "midday.",
       "A government spokesman said the authorities were working to identify all of the victims and "
       "would not release further details until that work was done.",
       "Prosecutors in Istanbul have opened an investigation. A government official said the authorities "
       "would announce the results when they were available.",
       "The attack is the latest in a series of bombings in Turkey attributed to Islamic State, including "
       "a suicide bombing in Sultanahmet in January that killed more than ten foreign tourists."],
      [ATA], ["2016-01-12-sultanahmet-bombing"],
      related=["Istanbul tourism sector braces for a difficult summer"], topics="Istanbul, airport, security"),
    T("nl-karak-canadian-killed.txt", "The Northern Ledger",
      "https://northernledger.example/news/world/canadian-among-dead-karak-jordan",
      "2016-12-18T21:40:00-05:00", "Canadian tourist among 10 killed in attack at Karak, Jordan",
      ["A Canadian tourist is among 10 people killed by gunmen at Karak in Jordan, officials said Sunday.",
       "Jordanian officials did not immediately say who was responsible for the attack at Karak, a town "
       "south of Amman.",
       "Global Affairs Canada said it was aware of the reports and was in contact with local authorities. "
       "A spokesperson declined to give further details.",
       "Jordan, a member of the coalition against the Islamic State group, has been hit before. In June a "
       "car bomb near the Rukban camp on the Syrian border killed seven Jordanian security personnel.",
       "Canada has supported Jordan's armed forces this year. In September it provided 26 trucks to a "
       "Jordanian rapid-response military unit."],
      [KARAK], ["2016-06-21-rukban-car-bomb", "2016-09-canada-trucks-jordan"], city="OTTAWA",
      byline="Staff", related=["Canada's quiet military mission in Jordan"],
      video="Jordanian security forces at the scene in Karak"),
    T("lw-karak-islamic-state-claim.txt", "Levant Wire",
      "https://levantwire.example/jordan/2016/12/20/karak-attack-islamic-state-claims",
      "2016-12-20T13:05:00+02:00", "Islamic State claims deadly Karak attack in Jordan",
      ["The Islamic State group has claimed responsibility for Sunday's attack at Karak in southern "
       "Jordan, in which gunmen killed ten people, including a Canadian tourist.",
       "The claim was published through the group's usual online channels. Jordanian officials said they "
       "were studying it.",
       "A security source said the investigation was continuing and that authorities had not finished "
       "questioning witnesses.",
       "Karak is one of several places in Jordan hit by attacks claimed by or attributed to the group. In "
       "June, a car bomb near the Rukban camp killed seven Jordanian security personnel in an attack "
       "the group also claimed.",
       "Jordan's government has said it will keep up its role in the coalition fighting the group in "
       "Syria and Iraq."],
      [KARAK], ["2016-06-21-rukban-car-bomb"], city="AMMAN", section="Jordan",
      related=["Jordan's border with Syria: a long watch"]),
    T("cb-reina-nightclub-attack.txt", "Coastline Broadcasting",
      "https://coastline.example/news/2017-01-02/istanbul-nightclub-attack-39-killed/80311",
      "2017-01-02T09:30:00+11:00", "Istanbul nightclub attack: 39 dead on New Year's Day",
      ["An attack on the Reina nightclub in Istanbul on New Year's Day has killed 39 people.",
       "The Islamic State group has claimed the attack, according to a statement released online on "
       "Monday.",
       "A Turkish "
       "official said the search for those responsible was continuing.",
       "The attack on the first day of 2017 came after a year in which Turkey suffered several deadly "
       "attacks, including the bombing of Istanbul's Ataturk Airport in June that killed 45 people.",
       "Coastline's correspondent said the city was quiet on the first day of the year."],
      [REINA], [ATA], video="Police at the scene of the Istanbul nightclub attack",
      related=["Turkey's year of attacks"], duration="1:31"),
    T("bc-reina-claim.txt", "Bosphorus Courier",
      "https://bosphoruscourier.example/istanbul/reina-nightclub-claim",
      "2017-01-02T17:50:00+03:00", "Islamic State claims Reina nightclub attack that killed 39",
      ["Islamic State has claimed responsibility for the New Year's attack on the Reina nightclub in "
       "Istanbul, in which 39 people were killed.",
       "The attack struck the nightclub on January 1. Officials have not released the names of all of "
       "the victims.",
       "Officials said the investigation was focused on identifying those responsible. A security source "
       "declined to give further details.",
       "Turkey has suffered a string of deadly attacks in the past 18 months, including twin bombings in "
       "Ankara in October 2015 that killed more than 100 people and the bombing at a wedding in "
       "Gaziantep in August 2016, both attributed to the group."],
      [REINA], ["2015-10-10-ankara-bombings", "2016-08-20-gaziantep-wedding"],
      related=["Istanbul nightlife after the attack"], topics="Istanbul, Reina, Islamic State"),
    T("md-manchester-arena-bombing.txt", "Meridian Daily",
      "https://meridiandaily.example/uk/manchester-arena-bombing-22-dead",
      "2017-05-23T08:10:00+01:00", "Manchester Arena bombing: 22 killed",
      ["Twenty-two people were killed in a bombing at Manchester Arena on Monday, police said.",
       "The Islamic State group said on Tuesday that it was behind the attack.",
       "Police said they were treating the bombing as a terrorist incident and that the investigation was "
       "moving quickly.",
       "A government spokesperson said ministers were being briefed. Officials did not say whether anyone "
       "had been arrested.",
              "The bombing comes a little over a year after bombings in Brussels killed 32 people in March "
       "2016, an attack also claimed by the group."],
      [MAN], ["2016-03-22-brussels-bombings"],
      standfirst="Islamic State says it carried out the attack at the Manchester venue",
      related=["How to help: blood donations and appeals in Manchester"],
      sponsored="The UK's most-loved holiday cottages, ranked by readers"),
    T("cb-manchester-concert-blast.txt", "Coastline Broadcasting",
      "https://coastline.example/news/2017-05-23/manchester-concert-attack/81904",
      None, "Manchester attack: Islamic State claim as city mourns 22 victims",
      ["A bombing at Manchester Arena in the United Kingdom has killed 22 people.",
       "The Islamic State group has claimed responsibility, a statement on its channels said.",
       "British police said they were investigating whether others were involved. A police spokesperson "
       "said officers would remain highly visible in the city.",
       "Officials in London said the threat level was under review. The investigation is being led by "
       "counter-terrorism police, who asked anyone with information to come forward.",
       "Coastline's London correspondent said people had been bringing flowers to the city centre "
       "throughout the day."],
      [MAN], video="Manchester gathers to remember attack victims", duration="2:02",
      related=["Europe's security services on alert"]),
    T("nl-canada-ends-airstrikes.txt", "The Northern Ledger",
      "https://northernledger.example/news/politics/canada-ending-airstrikes-iraq-syria",
      "2016-02-08T15:25:00-05:00", "Canada to end airstrikes, triple training mission in northern Iraq",
      ["Canada will end its airstrikes against the Islamic State group in Iraq and Syria and triple the "
       "size of its training mission in northern Iraq, the federal government announced Monday.",
       "The government said it would spend about $1.6 billion over three years on the new approach.",
       "Officials said the expanded training mission would work with local forces fighting the group in "
       "northern Iraq. The government did not say when the last strike would be flown.",
       "A defence official said details of the deployment would be released in the coming weeks.",
       "The announcement comes 18 months after the United States began air strikes on the group in Iraq "
       "in August 2014."],
      ["2016-02-08-canada-ends-strikes", "2016-02-08-canada-training"], ["2014-08-08-us-strikes-iraq"],
      city="OTTAWA", byline="Parliamentary Bureau", related=["Who Canada's trainers will work with in Iraq"],
      video="Government outlines new mission against ISIS"),
    T("nl-canadian-teams-lebanon-jordan.txt", "The Northern Ledger",
      "https://northernledger.example/news/world/canadian-military-teams-lebanon-jordan",
      "2016-12-27T10:00:00-05:00", "Canada helps Lebanon and Jordan guard borders as Mosul fight goes on",
      ["Canada is helping Lebanon and Jordan guard their borders as the offensive to "
       "retake Mosul, which began in October, continues in Iraq.",
       "This month Canada committed mountain and winter gear and $1 million toward a Lebanese border "
       "patrol regiment, officials said. In September, Canada provided 26 trucks to a Jordanian "
       "rapid-response military unit.",
       "A defence official said the aim was to help both countries keep the Islamic State group from "
       "spreading across their borders as it loses ground in Iraq.",
       "Coalition partners remain active around Mosul. On Dec. 10, French artillery fired on Islamic "
       "State positions from a coalition base at Qayyarah, south of the city.",
       "Officials did not say whether further equipment would follow."],
      ["2016-12-canada-lebanon-border", "2016-09-canada-trucks-jordan"],
      ["2016-10-17-mosul-offensive", "2016-12-10-qayyarah-artillery"], city="OTTAWA", byline="Staff",
      caption="A French artillery crew at the coalition base in Qayyarah, Iraq, on Dec. 10, 2016.",
      credit="Ledger Photo/File",
      related=["Canada to end airstrikes, triple training mission"],
      video="The fight for Mosul: where things stand"),
    T("lw-army-offensive-ras-baalbek.txt", "Levant Wire",
      "https://levantwire.example/lebanon/2017/08/19/army-launches-offensive-ras-baalbek-qaa",
      "2017-08-19T12:20:00+03:00", "Lebanese army launches offensive against Islamic State near Ras Baalbek",
      ["The Lebanese army on Saturday launched an offensive against Islamic State militants "
       "near Ras Baalbek and Qaa on the border with Syria, a military source said.",
       "The army said in a statement that the operation was aimed at driving the militants out of the "
       "area. It gave no figures for the forces involved.",
       "Qaa itself was struck by eight suicide "
       "bombers in June 2016, an attack that killed five people and was attributed to the group.",
       "A military spokesman said more information would be released when the situation allowed."],
      ["2017-08-19-lebanon-offensive"], [QAA], city="RAS BAALBEK, Lebanon",
      related=["Qaa, a year after the suicide bombings"]),
    T("lw-militants-leave-border-deal.txt", "Levant Wire",
      "https://levantwire.example/lebanon/2017/08/28/islamic-state-fighters-leave-under-deal",
      "2017-08-28T19:00:00+03:00", "Islamic State fighters leave Lebanese border area under deal",
      ["Islamic State fighters left the border area near Ras Baalbek and Qaa on Monday under a deal, "
       "ending the Lebanese army's offensive that began on Aug. 19, security sources said.",
       "The terms of the deal were not made public. A security official said more details would be "
       "given once the fighters had left.",
       "The fighting revived memories of 2014, when militants overran the town of Arsal in August and "
       "captured Lebanese soldiers.",
       "Officials said residents would be told when it was safe to return to farmland in the area."],
      ["2017-08-28-is-leaves-deal"], ["2017-08-19-lebanon-offensive", "2014-08-02-arsal-overrun"],
      related=["Lebanese army launches offensive against Islamic State near Ras Baalbek"]),
    T("bc-ankara-twin-bombings.txt", "Bosphorus Courier",
      "https://bosphoruscourier.example/turkey/ankara-twin-bombings",
      "2015-10-11T09:40:00+03:00", "Twin bombings in Ankara kill more than 100",
      ["Twin bombings in Turkey's capital Ankara on Saturday killed more than 100 people, officials said.",
       "Turkish authorities said the attack was being investigated as the work of the Islamic State "
       "group.",
       "A government official said those responsible would be found. Officials gave no figure for the "
       "wounded and said the toll could change as identification continued.",
       "The bombings came less than three months after a suicide bombing in the border town of Suruc "
       "killed more than 30 people on July 20, an attack also attributed to the group.",
       "Prosecutors have opened an investigation, officials said."],
      ["2015-10-10-ankara-bombings"], ["2015-07-20-suruc-bombing"], city="ANKARA",
      related=["Suruc, three months on"], topics="Ankara, bombing"),
    T("bc-euphrates-shield-jarablus.txt", "Bosphorus Courier",
      "https://bosphoruscourier.example/turkey/euphrates-shield-jarablus",
      "2016-08-24T14:30:00+03:00", "Turkey launches Euphrates Shield operation at Jarablus",
      ["Turkey on Wednesday launched Operation Euphrates Shield into Syria at Jarablus against the "
       "Islamic State group, officials said.",
       "A military statement said the operation aimed to clear the group from the border area. It gave "
       "no details of the forces taking part.",
       "The operation began four days after a bombing at a wedding in Gaziantep killed more than 50 "
       "people, an attack attributed to the group.",
       "Officials in Ankara said the operation would continue until its goals were met. A security source "
       "said further statements would follow as the operation progressed."],
      ["2016-08-24-euphrates-shield"], ["2016-08-20-gaziantep-wedding"], city="ANKARA", section="Syria",
      related=["Gaziantep mourns after wedding attack"], topics="Syria, Jarablus, military"),
    T("md-opinion-spillover-fatigue.txt", "Meridian Daily",
      "https://meridiandaily.example/opinion/the-trouble-with-counting-spillover", None,
      "Opinion: The trouble with counting 'spillover'",
      ["Every few months a new chart arrives to tell us that a conflict has spread. The arrows are bold, "
       "the colours alarming, and the argument is usually the same: violence moves like water, finding the "
       "cracks in borders and filling them.",
       "I am not convinced the metaphor helps. People make choices; so do governments. A border town is "
       "not a low point on a map that trouble simply drains into. It is a place with its own politics, "
       "its own grievances and its own ways of coping.",
       "None of this means the charts are useless. It means they should come with humility. The easiest "
       "thing to count is what makes the news, and what makes the news is not always what matters most "
       "to the people living there.",
       "Before we draw the next arrow, we might ask who is doing the counting, and what they leave out."],
      [], kind="no-event", section="Opinion",
      sponsored="Meet the architects rethinking the suburban home"),
    T("cb-sport-harbour-derby.txt", "Coastline Broadcasting",
      "https://coastline.example/sport/harbour-derby-late-winner/82001", None,
      "Late header settles harbour derby as Pelicans go top",
      ["The Port Ellis Pelicans moved to the top of the coastal league on a wet afternoon after a late "
       "header settled the harbour derby against the Marlow Bay Gulls 2-1.",
       "The Gulls had led at the break through a deflected free kick, but the home side pushed higher "
       "after the restart and equalised with twenty minutes left.",
       "The winner came from a corner in stoppage time, sending the home crowd into celebrations that "
       "lasted well beyond the final whistle.",
       "The Pelicans' coach said afterwards that the squad had shown character. The Gulls travel to "
       "Northcape next weekend, while the Pelicans host the cup holders."],
      [], kind="no-event", video="Highlights: Pelicans v Gulls", duration="3:40", topics="sport, football",
      promo="Catch every coastal league goal on the Coastline app"),
    T("lw-culture-olive-harvest.txt", "Levant Wire",
      "https://levantwire.example/culture/olive-harvest-tables", None,
      "At harvest time, the olive press is the village's busiest room",
      ["Every autumn the road to the old press fills with pick-up trucks, tractors and children riding on "
       "sacks. The harvest is a family affair, and the press is where the families meet.",
       "Inside, the air is warm and smells of crushed fruit. Growers wait their turn on plastic chairs, "
       "trading advice about rain, prices and whose trees did best this year.",
       "Older residents remember stone wheels turned by animals. Today the machines are steel, but the "
       "rituals have changed less: the first oil is tasted on bread, and a share is set aside for "
       "neighbours who have no trees of their own.",
       "For many young people who have moved to the cities, the harvest is the one week they come home. "
       "The press, one grower said, is where the village remembers itself."],
      [], kind="no-event", city="THE BEKAA VALLEY", desk="Life", section="Culture"),
]
