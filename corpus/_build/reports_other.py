"""HTML pages, RSS feed items and JSONL records."""

PARIS, ATA, RUK = "2015-11-13-paris-attacks", "2016-06-28-ataturk-airport", "2016-06-21-rukban-car-bomb"
QAA, MV = "2016-06-27-qaa-bombings", "2017-07-10-mosul-victory"


def H(key, outlet, url, date, title, paras, facts, context=(), **kw):
    return dict(key="html/" + key, form="html", outlet=outlet, url=url, date=date, title=title,
                paras=paras, facts=list(facts), context=list(context), slug=key[:-5], **kw)


def R(file, outlet, url, date, title, paras, facts, context=(), **kw):
    return dict(key=file, outlet=outlet, url=url, date=date, title=title, paras=paras, facts=list(facts),
                context=list(context), **kw)


CG, SM, NC = "Capital Gazette Online", "Sahel Monitor", "Nile Courier"

HTML_REPORTS = [
    H("cg-paris-attacks-toll.html", CG, "https://capitalgazette.example/world/2015/11/14/paris-attacks",
      "2015-11-14T12:00:00-05:00", "Death toll from Paris attacks reaches 130",
      ["French officials said Saturday that 130 people had been killed in Friday's "
       "attacks in Paris.",
       "In a statement posted online, the Islamic State group said it had carried out the attacks. "
       "Officials said they were examining the claim.",
       "A French government spokesperson said investigators were working through the night to identify "
       "the victims and trace everyone connected to the attacks.",
       "World leaders sent messages of condolence. In Washington, a senior administration official said "
       "the United States was in close contact with French authorities and had offered assistance.",
       "The attacks came a day after two suicide bombers killed 43 people in Beirut, an attack also "
       "claimed by the group."],
      [PARIS], ["2015-11-12-burj-al-barajneh"], caption="Candles left by mourners in Paris.",
      related=["Beirut bombings claimed by Islamic State", "What we know about the Paris investigation"]),
    H("cg-istanbul-airport-45-dead.html", CG,
      "https://capitalgazette.example/world/2016/06/29/istanbul-airport-attack",
      "2016-06-29T08:30:00-04:00", "45 killed in attack on Istanbul's Ataturk Airport",
      ["An attack on Ataturk Airport in Istanbul on Tuesday killed 45 people, Turkish officials said, "
       "blaming the Islamic State group.",
       "There was no immediate claim of responsibility. A Turkish official, speaking on condition of "
       "anonymity because the investigation was continuing, said the evidence pointed to the group.",
       "The attack came a day after eight suicide bombers struck the village of Qaa in Lebanon, killing "
       "five people, in an attack that Lebanese officials also attributed to the group.",
       "The State Department said it was in touch with Turkish authorities. Officials declined to say "
       "whether any Americans were among the victims."],
      [ATA], [QAA], caption="Travellers outside Ataturk Airport in Istanbul.",
      related=["Lebanon's Qaa hit by eight suicide bombers", "Turkey's string of attacks, explained"]),
    H("cg-jordan-border-car-bomb.html", CG,
      "https://capitalgazette.example/world/2016/06/21/jordan-car-bomb-rukban",
      "2016-06-21T14:00:00-04:00", "Car bomb near Syrian border kills seven Jordanian security personnel",
      ["A car bomb near the Rukban camp on Jordan's border with Syria killed seven members of the "
       "Jordanian security forces on Tuesday, officials said.",
       "The Islamic State group later claimed responsibility for the attack.",
       "A Jordanian military spokesman confirmed that the attack took place near the camp. He said "
       "the army would respond firmly to any threat to the country's borders.",
       "Officials did not release the names of those killed. A government spokesman said the country "
       "would not be intimidated.",
       "Jordan has carried out strikes against the group since February 2015."],
      [RUK], ["2015-02-05-jordan-strikes-is"],
      related=["Who lives in the Rukban camp?", "Jordan's pilot, one year on"]),
    H("cg-nice-truck-attack.html", CG, "https://capitalgazette.example/world/2016/07/15/nice-truck-attack",
      "2016-07-15T09:15:00-04:00", "Truck attack in Nice kills 86",
      ["A truck attack in the French city of Nice killed 86 people, French officials said on Friday.",
       "The Islamic State group later claimed the attack through its online channels.",
       "A French government spokesperson said investigators were trying to determine whether anyone "
       "else was involved. Officials gave no further details.",
       "The attack follows the Paris attacks in November 2015, which killed 130 people, and the bombings "
       "in Brussels in March, which killed 32, both claimed by the group.",
       "Officials in Washington said they were in touch with French authorities."],
      ["2016-07-14-nice-truck"], [PARIS, "2016-03-22-brussels-bombings"],
      caption="Flowers on the seafront in Nice.",
      related=["Brussels: the investigation so far", "Paris attacks: 130 killed"]),
    H("sm-niger-ambush-tongo-tongo.html", SM, "https://sahelmonitor.example/niger/tongo-tongo-ambush",
      "2017-10-05T10:00:00+01:00", "Four US and four Nigerien soldiers killed in ambush near Tongo Tongo",
      ["Four American and four Nigerien soldiers were killed in an ambush near the village of Tongo Tongo "
       "in Niger on Wednesday, officials said.",
       "Officials in Niamey attributed the attack to Islamic State in the Greater Sahara.",
       "A Nigerien security source confirmed the toll but gave no further details.",
       "US officials confirmed the deaths and said an investigation would be carried out.",
       "Analysts said the ambush was likely to bring fresh scrutiny to the US military presence in the "
       "region, and to the threat posed by the group in western Niger."],
      ["2017-10-04-tongo-tongo-ambush"], kicker="Niger",
      related=["Who is Islamic State in the Greater Sahara?", "Boko Haram's pledge, two years on"]),
    H("sm-boko-haram-pledge.html", SM, "https://sahelmonitor.example/nigeria/boko-haram-pledge-islamic-state",
      "2015-03-08T09:00:00+01:00", "Boko Haram pledges allegiance to Islamic State",
      ["The Nigerian militant group Boko Haram has pledged allegiance to the Islamic State group, "
       "according to a message released on Saturday.",
       "Analysts said the pledge was a statement of intent rather than a sign of immediate operational "
       "change, but that it could give the group access to the Islamic State's propaganda networks.",
       "A Nigerian military spokesman said the announcement would not affect the army's operations. He "
       "declined to comment further.",
       "The Islamic State group declared a 'caliphate' in June 2014. Analysts said the pledge showed the "
       "group's appeal to militants far from its territory in Syria and Iraq."],
      ["2015-03-07-boko-haram-pledge"], ["2014-06-29-caliphate-declared"], kicker="Nigeria",
      related=["Inside the Lake Chad crisis", "What a pledge of allegiance means"]),
    H("sm-sirte-retaken.html", SM, "https://sahelmonitor.example/libya/sirte-retaken-gna",
      "2016-12-06T18:00:00+01:00", "Libyan forces retake Sirte from Islamic State",
      ["Forces loyal to Libya's Government of National Accord have retaken the coastal city of Sirte "
       "from the Islamic State group, officials said on Tuesday.",
       "The group had controlled Sirte since mid-2015.",
       "A spokesman for the forces said fighters were clearing the last buildings held by the group. He "
       "did not give casualty figures.",
       "Analysts warned that the loss of territory would not end the group's presence in Libya, and that "
       "fighters could move into the desert to the south.",
       "Officials said residents would be allowed to return once the city had been cleared."],
      ["2016-12-06-gna-retakes-sirte"], ["2015-06-is-takes-sirte"], kicker="Libya",
      caption="Government of National Accord forces in Sirte.",
      related=["How Islamic State took Sirte", "Libya's rival governments explained"]),
    H("nc-metrojet-crash-sinai.html", NC, "https://nilecourier.example/news/metrojet-9268-sinai",
      "2015-10-31T22:00:00+02:00", "224 killed as Metrojet flight 9268 comes down over Sinai",
      ["Metrojet flight 9268 came down over Egypt's Sinai Peninsula on Saturday, killing 224 people, "
       "officials said.",
       "The Islamic State group claimed that it had brought the plane down. Egyptian officials said it "
       "was too early to determine the cause.",
       "A civil aviation ministry official said investigators had reached the site and that the search "
       "was continuing.",
       "A government spokesman said Egypt would cooperate fully with international investigators.",
       "Officials said the names of the victims would be released once families had been informed."],
      ["2015-10-31-metrojet-9268"], video="Investigators at the Sinai crash site",
      related=["Sinai: a region under pressure", "What investigators will look for"]),
    H("nc-rawda-mosque-attack.html", NC, "https://nilecourier.example/news/bir-al-abed-mosque-attack",
      "2017-11-25T09:00:00+02:00", "305 killed in attack on al-Rawda mosque in north Sinai",
      ["An attack on the al-Rawda mosque in Bir al-Abed in north Sinai on Friday killed 305 people, "
       "officials said.",
       "No group had claimed responsibility by Saturday morning, officials said. A security source said "
       "investigators were gathering evidence at the mosque and speaking to survivors.",
       "A government spokesman said the authorities would respond with force.",
       "Sinai has been the scene of repeated attacks. In October 2015, Metrojet flight 9268 was brought "
       "down over the peninsula, killing 224 people, in an attack claimed by the Islamic State group."],
      ["2017-11-24-rawda-mosque"], ["2015-10-31-metrojet-9268"],
      video="Bir al-Abed after the mosque attack", related=["Sinai's long insurgency", "Metrojet, two years on"]),
    H("nc-copts-video-derna-strikes.html", NC, "https://nilecourier.example/news/egypt-strikes-derna",
      "2015-02-16T13:00:00+02:00", "Egypt strikes Islamic State targets in Derna after video of Copts' killing",
      ["Egypt's military struck Islamic State targets in the Libyan city of Derna on Monday, a day after "
       "the group's affiliate in Libya released a video showing the killing of 21 Coptic Christians.",
       "A military statement said the strikes were a response to the killings. It did not say how many "
       "targets were hit.",
       "The video was released on Sunday. A government spokesman said the state would protect its "
       "citizens at home and abroad.",
       "Officials said further statements would follow, and that the military remained ready to act again "
       "if needed."],
      ["2015-02-16-egypt-strikes-derna", "2015-02-15-copts-killing-video"],
      video="Egyptian military statement on Derna strikes",
      related=["Libya's Islamic State affiliate", "Families of the victims speak"]),
]

GD = "Gulf Dispatch"
FEED = "feeds/gulf-dispatch-conflict.xml"
RSS_REPORTS = [
    R(FEED, GD, "https://gulfdispatch.example/conflict/2017/07/10/iraq-declares-victory-mosul",
      "2017-07-10T20:00:00+03:00", "Iraq's prime minister declares victory in Mosul",
      ["Iraq's prime minister declared victory over the Islamic State group in Mosul on Monday, nearly "
       "nine months after the offensive to retake the city began.",
       "The offensive was launched on Oct. 17, 2016. Islamic State fighters had captured Mosul in June "
       "2014.",
       "A military spokesman said operations to clear remaining pockets of resistance would continue. "
       "Officials did not give casualty figures for the campaign.",
       "Aid agencies said the needs of people who fled the fighting would remain large for months.",
       "Coalition officials said the group still held territory elsewhere in Iraq and Syria."],
      [MV], ["2016-10-17-mosul-offensive", "2014-06-10-mosul-captured"], section="Iraq"),
    R(FEED, GD, "https://gulfdispatch.example/conflict/2017/10/17/sdf-captures-raqqa",
      "2017-10-17T18:30:00+03:00", "Syrian Democratic Forces capture Raqqa from Islamic State",
      ["The Syrian Democratic Forces have captured the Syrian city of Raqqa from the Islamic State group, "
       "a spokesman for the forces said on Tuesday.",
       "The spokesman gave no figures for the fighting and said more details would follow. Officials said "
       "civilians who had fled would be told when it was safe to return.",
       "The capture comes three months after Iraq declared victory over the group in Mosul.",
       "A coalition official said the group had lost most of the territory it once held, but warned "
       "that it remained a threat."],
      ["2017-10-17-sdf-captures-raqqa"], [MV], section="Syria"),
    R(FEED, GD, "https://gulfdispatch.example/conflict/2019/03/23/baghuz-falls",
      "2019-03-23T14:00:00+03:00", "SDF declares fall of Baghuz, Islamic State's last territory in Syria",
      ["The Syrian Democratic Forces declared on Saturday that they had taken Baghuz, the last territory "
       "held by the Islamic State group in Syria.",
       "A spokesman for the forces announced the fall of the village in a statement. Coalition officials "
       "welcomed the announcement.",
       "Analysts cautioned that the group's loss of territory would not mean the end of its attacks, and "
       "that cells would continue to operate. A coalition official said the fight against the group "
       "was not over.",
       "The Syrian Democratic Forces captured Raqqa, the group's former stronghold, in October 2017."],
      ["2019-03-23-baghuz-falls"], ["2017-10-17-sdf-captures-raqqa"], section="Syria"),
    R(FEED, GD, "https://gulfdispatch.example/conflict/2017/10/23/marawi-battle-over",
      "2017-10-23T16:00:00+03:00", "Philippine military declares battle of Marawi over",
      ["The Philippine military declared on Monday that the battle for the southern city of Marawi was "
       "over, five months after militants linked to the Islamic State group seized parts of the city.",
       "The militants took control of parts of Marawi on May 23. A military spokesman said troops were "
       "now clearing the area of explosives.",
       "Officials said residents would be allowed to return in stages, once the city had been cleared.",
       "Analysts said the battle showed the group's ability to inspire allied fighters far from Iraq and "
       "Syria."],
      ["2017-10-23-marawi-battle-over"], ["2017-05-23-marawi-seized"], section="Asia"),
    R(FEED, GD, "https://gulfdispatch.example/conflict/2016/12/10/french-artillery-qayyarah",
      "2016-12-10T19:00:00+03:00", "French artillery pounds Islamic State positions from Qayyarah base",
      ["French artillery fired on Islamic State positions on Saturday from a coalition base at Qayyarah, "
       "south of Mosul, a coalition official said.",
       "The shelling supported the offensive to retake Mosul, which began on Oct. 17. The official did "
       "not say what the targets were.",
       "Coalition members have provided air and artillery support to Iraqi forces since the start of the "
       "campaign, officials said.",
       "An Iraqi military spokesman said the advance in the city was continuing. He did not give figures "
       "for losses on either side."],
      ["2016-12-10-qayyarah-artillery"], ["2016-10-17-mosul-offensive"], section="Iraq"),
]

HT = "Harbour Times"
HTF = "jsonl/harbour-times-archive.jsonl"
HARBOUR_REPORTS = [
    R(HTF, HT, "https://harbourtimes.example/world/2014/06/10/militants-seize-mosul",
      "2014-06-10T18:00:00+00:00", "Islamic State fighters seize Iraq's Mosul",
      ["Fighters of the Islamic State group captured the Iraqi city of Mosul on Tuesday, Iraqi officials "
       "said, in a major blow to the government in Baghdad.",
       "A security official in Baghdad said the government was preparing a response.",
       "Officials did not say how many people had been killed in the fighting for the city. The government "
       "called on residents to remain calm.",
       "Analysts said the loss of Iraq's second-largest city was the most serious challenge to the "
       "government in years."],
      ["2014-06-10-mosul-captured"]),
    R(HTF, HT, "https://harbourtimes.example/world/2014/06/30/islamic-state-declares-caliphate",
      "2014-06-30T08:00:00+00:00", "Islamic State declares 'caliphate'",
      ["The Islamic State group declared a 'caliphate' on Sunday, weeks after its fighters captured the "
       "Iraqi city of Mosul.",
       "The announcement was made in a statement posted online. Officials in Baghdad did not "
       "immediately comment.",
       "Analysts said the declaration was aimed at attracting recruits and at asserting the group's claim "
       "to lead militants elsewhere. Its reach beyond Iraq and Syria, they said, remained to be seen.",
       "A Western diplomat, speaking on condition of anonymity, said the announcement changed nothing on "
       "the ground but showed the group's ambitions beyond Iraq and Syria."],
      ["2014-06-29-caliphate-declared"], ["2014-06-10-mosul-captured"]),
    R(HTF, HT, "https://harbourtimes.example/world/2014/09/23/coalition-strikes-syria",
      "2014-09-23T07:30:00+00:00", "Coalition air strikes on Islamic State begin in Syria",
      ["The United States and its coalition partners began air strikes against the Islamic State group in "
       "Syria on Tuesday, expanding a campaign that began in Iraq last month.",
       "US air strikes on the group in Iraq began on Aug. 8. A Pentagon official said the Syria strikes "
       "had targeted the group's positions and would continue.",
       "Officials did not say how many targets had been struck or whether the strikes had caused "
       "casualties.",
       "Analysts said the campaign was likely to last for a long time."],
      ["2014-09-23-coalition-strikes-syria"], ["2014-08-08-us-strikes-iraq"]),
    R(HTF, HT, "https://harbourtimes.example/world/2016/10/17/mosul-offensive-begins",
      "2016-10-17T09:00:00+00:00", "Offensive to retake Mosul from Islamic State begins",
      ["The offensive to retake Mosul from the Islamic State group began on Monday, Iraqi officials said.",
       "The city has been held by the group since its fighters captured it in June 2014.",
       "A military spokesman said forces were advancing from several directions. He gave no details of "
       "the numbers involved.",
       "Aid agencies said they were preparing for large numbers of people to flee the fighting.",
       "Coalition officials said the battle could take weeks or months, and that coalition aircraft "
       "would support the advance."],
      ["2016-10-17-mosul-offensive"], ["2014-06-10-mosul-captured"]),
    R(HTF, HT, "https://harbourtimes.example/world/2017/07/11/mosul-victory-what-next",
      "2017-07-11T06:00:00+00:00", "Mosul victory declared, but the hard part may be ahead",
      ["Iraq's prime minister has declared victory in Mosul, ending a battle that began in October 2016.",
       "The declaration came on Monday, three years after Islamic State fighters captured the city and "
       "declared a 'caliphate' on June 29, 2014.",
       "Officials said the focus would now turn to clearing explosives and restoring services. A senior "
       "Iraqi official said it would take years to rebuild.",
       "Analysts said the group was likely to return to insurgent tactics, and warned that the government "
       "would need to win the trust of residents to prevent its return."],
      [MV], ["2016-10-17-mosul-offensive", "2014-06-10-mosul-captured", "2014-06-29-caliphate-declared"]),
    R(HTF, HT, "https://harbourtimes.example/world/2017/04/13/gbu43-achin",
      "2017-04-13T20:00:00+00:00", "US drops GBU-43 bomb on Islamic State tunnels in Afghanistan",
      ["The United States dropped a GBU-43 bomb on an Islamic State tunnel complex in the Achin district "
       "of Nangarhar province, Afghanistan, on Thursday, US officials said.",
       "A Pentagon spokesman said the strike targeted a tunnel complex used by the group. He gave no "
       "information on casualties.",
       "The group has been active in eastern Afghanistan. It claimed the bombing of a protest in Kabul "
       "in July 2016 that killed more than 80 people.",
       "Officials said an assessment of the strike was under way."],
      ["2017-04-13-gbu43-achin"], ["2016-07-23-kabul-protest-bombing"]),
    R(HTF, HT, "https://harbourtimes.example/world/2019/04/22/sri-lanka-easter-bombings",
      "2019-04-22T05:00:00+00:00", "Sri Lanka Easter bombings kill more than 250",
      ["Bombings on Easter Sunday in Sri Lanka killed more than 250 people, officials said.",
       "The Islamic State group later claimed responsibility for the attacks.",
       "A government spokesman said investigators were working to identify everyone involved. He "
       "declined to give further details while the investigation was continuing.",
       "The attacks came less than a month after the Syrian Democratic Forces declared the fall of "
       "Baghuz, the group's last territory in Syria, on March 23.",
       "World leaders condemned the attacks and offered their condolences to the families of the "
       "victims."],
      ["2019-04-21-sri-lanka-easter"], ["2019-03-23-baghuz-falls"]),
]

CP = "Cedar Post"
CPF = "jsonl/cedar-post-feed.jsonl"
CEDAR_REPORTS = [
    R(CPF, CP, "https://cedarpost.example/lebanon/2014/08/07/arsal-militants-soldiers",
      "2014-08-07T17:00:00+03:00", "Militants overran Arsal and captured soldiers, army says",
      ["Islamic State and Nusra Front militants who overran the border town of Arsal in northeast Lebanon "
       "this week captured Lebanese soldiers, the army said.",
       "The militants stormed the town on Aug. 2. The army said it would not rest until the soldiers were "
       "freed, but gave no number for those captured.",
       "A security source said the army was reinforcing its positions around the town. Officials did not "
       "give casualty figures for the fighting, which continued for several days.",
       "Arsal lies close to the border with Syria, where both groups are fighting."],
      ["2014-08-02-arsal-overrun"]),
    R(CPF, CP, "https://cedarpost.example/region/2015/02/05/jordan-strikes-after-pilot-video",
      "2015-02-05T19:00:00+03:00", "Jordan strikes Islamic State after video of pilot's killing",
      ["Jordan's air force struck Islamic State targets on Thursday, two days after the group released a "
       "video of the killing of Jordanian pilot Muath al-Kasasbeh.",
       "Al-Kasasbeh was captured by the group after his F-16 crashed near Raqqa in Syria on Dec. 24.",
       "A Jordanian military statement said the strikes were the beginning of a response. It did not say "
       "where the targets were or how many were hit.",
       "The video, released on Tuesday, drew condemnation across the region. A Jordanian official said "
       "the country would keep up its role in the coalition against the group."],
      ["2015-02-05-jordan-strikes-is", "2015-02-03-kasasbeh-video"], ["2014-12-24-jordan-f16-crash"]),
    R(CPF, CP, "https://cedarpost.example/lebanon/2016/06/28/qaa-day-after",
      "2016-06-28T10:00:00+03:00", "Qaa mourns after eight suicide bombers strike",
      ["The village of Qaa on Lebanon's border with Syria was mourning five people on Tuesday, a day after "
       "eight suicide bombers struck.",
       "Security officials blamed the Islamic State group for Monday's attack, although no group had "
       "claimed it.",
       "An army statement said troops had carried out searches in the area. A local official said "
       "residents were afraid but determined to stay.",
       "Qaa, like the border town of Arsal, lies in northeastern Lebanon. Islamic State and Nusra Front "
       "militants overran Arsal "
       "in August 2014, capturing Lebanese soldiers."],
      [QAA], ["2014-08-02-arsal-overrun"]),
]
