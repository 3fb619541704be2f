//! The named-event table (std-only data) and the splitting of its aliases
//! into words.
//!
//! `super::named` (which mounts this file) matches the aliases against
//! the text; the build script (`build.rs`) mounts it too and compiles the
//! aliases, cut by [`alias_words`] with the text stage's own segmenter,
//! into the static alias index of `super::tables`, so nothing is split at
//! start-up.

/// One known event.
#[derive(Clone, Copy, Debug)]
pub struct Named {
    pub id: &'static str,
    pub plover: &'static str,
    pub cameo: &'static str,
    pub mode: Option<&'static str>,
    /// `YYYY-MM-DD`
    pub date: &'static str,
    /// Place country (ISO alpha-2).
    pub iso: &'static str,
    /// Source / target countries when known ("" for none).
    pub source: &'static str,
    pub target: &'static str,
    pub label: &'static str,
    /// Aliases: words in order, `…` allows a gap of up to five words.
    pub aliases: &'static [&'static str],
    /// Aliases that also need this country mentioned in the sentence or as
    /// the publication's dominant country ("the coup" → Myanmar).
    pub context_aliases: &'static [&'static str],
}

macro_rules! ev {
    ($id:expr, $pl:expr, $cameo:expr, $mode:expr, $date:expr, $iso:expr, $src:expr, $tgt:expr, $label:expr, [$($a:expr),* $(,)?], [$($c:expr),* $(,)?]) => {
        Named { id: $id, plover: $pl, cameo: $cameo, mode: $mode, date: $date, iso: $iso, source: $src, target: $tgt, label: $label, aliases: &[$($a),*], context_aliases: &[$($c),*] }
    };
}

/// The table: major world events of general knowledge, by date. Aliases
/// are the usual ways news refers to them; ambiguous short forms ("the
/// coup") are context aliases that need the country in the sentence or as
/// the publication's dominant country. Countries with several events of
/// one kind carry year-marked context aliases only ("the 2020 coup").
pub const NAMED: &[Named] = &[
    ev!("rwanda-genocide-1994", "ASSAULT", "202", Some("targeted"), "1994-04-07", "RW", "", "RW", "Genocide against the Tutsi in Rwanda",
        ["rwandan genocide", "genocide against the tutsi", "1994 rwandan genocide"], ["1994 genocide"]),
    ev!("srebrenica-1995", "ASSAULT", "202", Some("targeted"), "1995-07-11", "BA", "", "BA", "Srebrenica massacre",
        ["srebrenica massacre", "srebrenica genocide"], []),
    ev!("sept11-2001", "ASSAULT", "1831", Some("suicide-attack"), "2001-09-11", "US", "", "US", "September 11 attacks",
        ["9/11 attacks", "9/11", "september 11 attacks", "sept. 11 attacks", "september 11, 2001, attacks", "attacks of september 11", "9/11 terrorist attacks"], []),
    ev!("afghanistan-invasion-2001", "ASSAULT", "190", None, "2001-10-07", "AF", "US", "AF", "U.S. invasion of Afghanistan",
        ["operation enduring freedom", "invasion of afghanistan", "invaded afghanistan"], []),
    ev!("iraq-invasion-2003", "ASSAULT", "190", None, "2003-03-20", "IQ", "US", "IQ", "U.S.-led invasion of Iraq",
        ["operation iraqi freedom", "invasion of iraq", "invaded iraq", "2003 invasion"], []),
    ev!("madrid-bombings-2004", "ASSAULT", "183", Some("suicide-attack"), "2004-03-11", "ES", "", "ES", "Madrid train bombings",
        ["madrid train bombings", "madrid bombings", "2004 madrid"], []),
    ev!("hariri-assassination-2005", "ASSAULT", "186", Some("targeted"), "2005-02-14", "LB", "", "LB", "Assassination of Rafik Hariri",
        ["assassination of … hariri", "hariri … assassinated", "hariri's assassination", "killing of … rafik hariri"], []),
    ev!("london-bombings-2005", "ASSAULT", "1831", Some("suicide-attack"), "2005-07-07", "GB", "", "GB", "London bombings of 7 July 2005",
        ["7/7 bombings", "7/7 attacks", "london bombings", "july 7 bombings"], []),
    ev!("lebanon-war-2006", "ASSAULT", "190", None, "2006-07-12", "LB", "IL", "LB", "2006 Lebanon war",
        ["2006 lebanon war", "2006 israel-hezbollah war", "2006 war with hezbollah"], ["2006 war", "july war"]),
    ev!("saddam-execution-2006", "ASSAULT", "186", Some("targeted"), "2006-12-30", "IQ", "IQ", "IQ", "Execution of Saddam Hussein",
        ["execution of saddam", "saddam … executed", "saddam hussein's execution", "saddam's execution"], []),
    ev!("bhutto-assassination-2007", "ASSAULT", "186", Some("targeted"), "2007-12-27", "PK", "", "PK", "Assassination of Benazir Bhutto",
        ["assassination of … bhutto", "bhutto … assassinated", "bhutto's assassination", "killing of … bhutto"], []),
    ev!("georgia-war-2008", "ASSAULT", "190", None, "2008-08-07", "GE", "RU", "GE", "Russia–Georgia war",
        ["russia-georgia war", "russo-georgian war", "invasion of georgia", "invaded georgia", "2008 war in georgia", "august 2008 war"], []),
    ev!("mumbai-attacks-2008", "ASSAULT", "180", None, "2008-11-26", "IN", "", "IN", "Mumbai attacks",
        ["mumbai attacks", "mumbai terror attacks", "mumbai terrorist attacks", "26/11", "2008 mumbai"], []),
    ev!("cast-lead-2008", "ASSAULT", "190", None, "2008-12-27", "PS", "IL", "PS", "Operation Cast Lead (Gaza war 2008–09)",
        ["operation cast lead", "2008-09 gaza war", "2008-2009 gaza war"], []),
    ev!("cheonan-2010", "ASSAULT", "190", None, "2010-03-26", "KR", "KP", "KR", "Sinking of the Cheonan",
        ["sinking of the cheonan", "cheonan sinking", "cheonan incident", "sinking of the rok cheonan"], []),
    ev!("yeonpyeong-2010", "ASSAULT", "194", Some("heavy-weapons"), "2010-11-23", "KR", "KP", "KR", "Bombardment of Yeonpyeong",
        ["shelling of yeonpyeong", "bombardment of yeonpyeong", "yeonpyeong island", "yeonpyeong shelling", "yeonpyeong attack"], []),
    ev!("tunisia-revolution-2011", "PROTEST", "141", Some("demo"), "2011-01-14", "TN", "TN", "TN", "Tunisian revolution",
        ["tunisian revolution", "jasmine revolution", "ben ali … fled", "ouster of … ben ali", "fall of ben ali"], []),
    ev!("egypt-revolution-2011", "PROTEST", "141", Some("demo"), "2011-01-25", "EG", "EG", "EG", "Egyptian revolution of 25 January",
        ["january 25 revolution", "25 january revolution", "egyptian revolution", "tahrir square protests", "2011 egyptian revolution", "2011 uprising in egypt"], ["2011 revolution", "2011 uprising"]),
    ev!("mubarak-ouster-2011", "RETREAT", "0831", Some("resign"), "2011-02-11", "EG", "EG", "EG", "Hosni Mubarak resigns",
        ["mubarak … resigned", "resignation of … mubarak", "ouster of … mubarak", "mubarak's ouster", "fall of … mubarak", "toppled … mubarak", "overthrow of … mubarak", "mubarak's fall", "mubarak was ousted", "mubarak was toppled"], []),
    ev!("syria-uprising-2011", "PROTEST", "141", Some("demo"), "2011-03-15", "SY", "SY", "SY", "Syrian uprising",
        ["syrian uprising", "syrian revolution", "2011 uprising in syria", "uprising against assad"], []),
    ev!("libya-intervention-2011", "ASSAULT", "195", Some("aerial"), "2011-03-19", "LY", "", "LY", "NATO-led intervention in Libya",
        ["intervention in libya", "nato-led intervention", "2011 military intervention in libya", "operation odyssey dawn", "operation unified protector"], []),
    ev!("bin-laden-killing-2011", "ASSAULT", "186", Some("targeted"), "2011-05-02", "PK", "US", "", "Killing of Osama bin Laden",
        ["killing of … bin laden", "killed … bin laden", "bin laden … killed", "bin laden raid", "raid … abbottabad", "abbottabad raid", "death of … bin laden", "operation neptune spear"], []),
    ev!("gaddafi-death-2011", "ASSAULT", "186", Some("targeted"), "2011-10-20", "LY", "", "LY", "Death of Muammar Gaddafi",
        ["death of … gaddafi", "gaddafi … killed", "killing of … gaddafi", "gaddafi's death", "death of … qaddafi", "qaddafi … killed", "killing of … qaddafi", "qaddafi's death", "fall of gaddafi", "fall of qaddafi", "ouster of … gaddafi", "ouster of … qaddafi", "overthrow of … gaddafi", "overthrow of … qaddafi"], []),
    ev!("benghazi-attack-2012", "ASSAULT", "180", None, "2012-09-11", "LY", "", "US", "Attack on the U.S. mission in Benghazi",
        ["benghazi attack", "attack in benghazi", "attack on the u.s. consulate in benghazi", "attack on the u.s. mission in benghazi", "attacks in benghazi", "benghazi consulate attack", "2012 benghazi"], []),
    ev!("pillar-of-defense-2012", "ASSAULT", "195", Some("aerial"), "2012-11-14", "PS", "IL", "PS", "Operation Pillar of Defense",
        ["operation pillar of defense", "operation pillar of cloud"], []),
    ev!("north-korea-nuclear-test-2013", "MOBILIZE", "150", Some("weapons"), "2013-02-12", "KP", "KP", "", "North Korea's third nuclear test",
        [], ["third nuclear test"]),
    ev!("boston-marathon-2013", "ASSAULT", "183", None, "2013-04-15", "US", "", "US", "Boston Marathon bombing",
        ["boston marathon bombing", "boston marathon bombings", "boston marathon attack", "boston bombings"], []),
    ev!("egypt-coup-2013", "COERCE", "170", None, "2013-07-03", "EG", "EG", "EG", "Military coup in Egypt",
        ["2013 egyptian coup", "coup in egypt", "egypt's coup", "egyptian coup", "ouster of … morsi", "overthrow of … morsi", "morsi … ousted", "morsi's ouster", "toppled … morsi"], ["coup"]),
    ev!("rabaa-massacre-2013", "ASSAULT", "202", Some("targeted"), "2013-08-14", "EG", "EG", "EG", "Rabaa massacre",
        ["rabaa massacre", "raba'a massacre", "rabaa al-adawiya", "rabaa square", "dispersal of … rabaa"], []),
    ev!("ghouta-chemical-2013", "ASSAULT", "204", Some("unconventional"), "2013-08-21", "SY", "SY", "SY", "Ghouta chemical attack",
        ["ghouta chemical attack", "ghouta attack", "chemical attack … ghouta", "sarin attack … ghouta", "ghouta sarin attack", "2013 chemical weapons attack"], []),
    ev!("westgate-2013", "ASSAULT", "180", None, "2013-09-21", "KE", "", "KE", "Westgate shopping mall attack",
        ["westgate mall attack", "westgate attack", "attack on the westgate", "westgate shopping mall", "westgate siege"], []),
    ev!("jpoa-2013", "SUPPORT", "057", None, "2013-11-24", "CH", "", "IR", "Interim nuclear agreement with Iran (JPOA)",
        ["joint plan of action", "interim nuclear deal", "interim nuclear agreement", "geneva interim agreement"], []),
    ev!("crimea-annexation-2014", "COERCE", "192", Some("seize"), "2014-03-18", "UA", "RU", "UA", "Russian annexation of Crimea",
        ["annexation of crimea", "annexed crimea", "seizure of crimea", "crimea annexation", "annexing crimea", "annex crimea"], []),
    ev!("chibok-2014", "ASSAULT", "181", Some("abduct"), "2014-04-14", "NG", "", "NG", "Chibok schoolgirls kidnapping",
        ["chibok", "kidnapping of … schoolgirls … chibok"], []),
    ev!("thailand-coup-2014", "COERCE", "170", None, "2014-05-22", "TH", "TH", "TH", "Military coup in Thailand",
        ["2014 thai coup", "2014 coup in thailand", "thailand's 2014 coup"], ["2014 coup", "may 2014 coup"]),
    ev!("mosul-fall-2014", "ASSAULT", "190", None, "2014-06-10", "IQ", "", "IQ", "Fall of Mosul to ISIS",
        ["fall of mosul", "isis … captured mosul", "isis … seized mosul", "isis … took mosul", "islamic state … captured mosul", "islamic state … seized mosul", "isil … seized mosul", "capture of mosul"], []),
    ev!("protective-edge-2014", "ASSAULT", "190", None, "2014-07-08", "PS", "IL", "PS", "Operation Protective Edge (Gaza war 2014)",
        ["operation protective edge", "2014 gaza war", "2014 war in gaza"], []),
    ev!("mh17-2014", "ASSAULT", "195", Some("heavy-weapons"), "2014-07-17", "UA", "", "", "Downing of Malaysia Airlines Flight 17",
        ["mh17", "malaysia airlines flight 17", "flight mh17", "downing of … mh17"], []),
    ev!("houthi-sanaa-2014", "COERCE", "192", Some("seize"), "2014-09-21", "YE", "", "YE", "The Houthis take Sanaa",
        ["houthi takeover of sanaa", "houthis … seized sanaa", "houthis … captured sanaa", "houthis … took … sanaa", "fall of sanaa", "houthi takeover of the capital", "houthi capture of sanaa"], []),
    ev!("peshawar-school-2014", "ASSAULT", "180", None, "2014-12-16", "PK", "", "PK", "Peshawar army school massacre",
        ["peshawar school attack", "peshawar school massacre", "army public school attack", "army public school massacre", "attack on … army public school", "aps attack", "aps peshawar"], []),
    ev!("charlie-hebdo-2015", "ASSAULT", "193", Some("firearms"), "2015-01-07", "FR", "", "FR", "Charlie Hebdo shooting",
        ["charlie hebdo attack", "charlie hebdo shooting", "charlie hebdo massacre", "attack on charlie hebdo", "charlie hebdo attacks"], []),
    ev!("yemen-intervention-2015", "ASSAULT", "195", Some("aerial"), "2015-03-26", "YE", "SA", "YE", "Saudi-led intervention in Yemen",
        ["saudi-led intervention", "operation decisive storm", "saudi-led military intervention", "intervention in yemen", "saudi-led coalition … intervened", "saudi-led war in yemen"], []),
    ev!("garissa-2015", "ASSAULT", "180", None, "2015-04-02", "KE", "", "KE", "Garissa University College attack",
        ["garissa university attack", "garissa attack", "garissa massacre", "garissa university college"], []),
    ev!("jcpoa-2015", "SUPPORT", "057", None, "2015-07-14", "AT", "", "IR", "Iran nuclear deal (JCPOA)",
        ["jcpoa", "joint comprehensive plan of action", "iran nuclear deal", "iran deal", "2015 nuclear deal", "2015 nuclear agreement", "2015 iran nuclear deal", "iran nuclear agreement", "2015 nuclear accord"],
        ["nuclear deal", "nuclear agreement", "nuclear accord"]),
    ev!("russia-syria-intervention-2015", "ASSAULT", "195", Some("aerial"), "2015-09-30", "SY", "RU", "SY", "Russian military intervention in Syria",
        ["russian intervention in syria", "russia's intervention in syria", "russian military intervention in syria", "russia's military intervention in syria", "russia … intervened in syria", "russian intervention in the syrian", "russia's 2015 intervention"], []),
    ev!("paris-attacks-2015", "ASSAULT", "180", None, "2015-11-13", "FR", "", "FR", "November 2015 Paris attacks",
        ["november 2015 paris attacks", "paris attacks", "bataclan", "13 november attacks", "november 13 attacks", "2015 paris attacks"], []),
    ev!("paris-agreement-2015", "SUPPORT", "057", None, "2015-12-12", "FR", "", "", "Paris climate agreement",
        ["paris climate agreement", "paris agreement", "paris climate accord", "paris accord", "paris climate deal"], []),
    ev!("north-korea-nuclear-test-2016a", "MOBILIZE", "150", Some("weapons"), "2016-01-06", "KP", "KP", "", "North Korea's fourth nuclear test",
        [], ["fourth nuclear test"]),
    ev!("brussels-attacks-2016", "ASSAULT", "1831", Some("suicide-attack"), "2016-03-22", "BE", "", "BE", "Brussels bombings",
        ["brussels attacks", "brussels bombings", "brussels airport bombing", "2016 brussels"], []),
    ev!("turkey-coup-attempt-2016", "COERCE", "170", None, "2016-07-15", "TR", "TR", "TR", "Coup attempt in Turkey",
        ["failed coup … turkey", "turkey's … coup", "coup attempt in turkey", "turkish coup attempt", "2016 coup attempt", "july 15 coup attempt", "15 july coup attempt"], ["coup attempt", "failed coup", "attempted coup"]),
    ev!("north-korea-nuclear-test-2016b", "MOBILIZE", "150", Some("weapons"), "2016-09-09", "KP", "KP", "", "North Korea's fifth nuclear test",
        [], ["fifth nuclear test"]),
    ev!("colombia-peace-deal-2016", "SUPPORT", "057", None, "2016-09-26", "CO", "CO", "CO", "Colombia–FARC peace agreement",
        ["farc peace deal", "farc peace agreement", "farc peace accord", "peace deal with the farc", "peace agreement with the farc", "peace accord with the farc", "colombia peace deal", "colombia's peace deal", "colombian peace deal", "colombia peace agreement", "colombian peace agreement", "colombia's peace agreement", "colombian peace accord", "havana peace accord"], []),
    ev!("khan-shaykhun-2017", "ASSAULT", "204", Some("unconventional"), "2017-04-04", "SY", "SY", "SY", "Khan Shaykhun chemical attack",
        ["khan shaykhun", "khan sheikhoun", "khan sheikhun"], []),
    ev!("shayrat-strike-2017", "ASSAULT", "195", Some("heavy-weapons"), "2017-04-07", "SY", "US", "SY", "U.S. missile strike on Shayrat",
        ["shayrat"], []),
    ev!("manchester-2017", "ASSAULT", "1831", Some("suicide-attack"), "2017-05-22", "GB", "", "GB", "Manchester Arena bombing",
        ["manchester arena bombing", "manchester arena attack", "manchester bombing", "manchester attack"], []),
    ev!("marawi-2017", "ASSAULT", "190", None, "2017-05-23", "PH", "", "PH", "Siege of Marawi",
        ["marawi siege", "siege of marawi", "battle of marawi"], []),
    ev!("mosul-liberation-2017", "ASSAULT", "190", None, "2017-07-10", "IQ", "IQ", "", "Liberation of Mosul from ISIS",
        ["liberation of mosul", "recapture of mosul", "mosul was liberated", "retook mosul", "retaking of mosul"], []),
    ev!("rohingya-crackdown-2017", "ASSAULT", "175", None, "2017-08-25", "MM", "MM", "MM", "Military crackdown on the Rohingya",
        ["2017 rohingya crisis", "rohingya genocide", "2017 crackdown on the rohingya", "2017 military crackdown", "august 2017 crackdown", "clearance operations"], []),
    ev!("north-korea-nuclear-test-2017", "MOBILIZE", "150", Some("weapons"), "2017-09-03", "KP", "KP", "", "North Korea's sixth nuclear test",
        [], ["sixth nuclear test"]),
    ev!("zimbabwe-coup-2017", "COERCE", "170", None, "2017-11-15", "ZW", "ZW", "ZW", "Military takeover in Zimbabwe",
        ["ouster of … mugabe", "mugabe … ousted", "mugabe's ouster", "overthrow of … mugabe", "fall of mugabe", "mugabe … resigned"], ["2017 coup"]),
    ev!("skripal-2018", "ASSAULT", "180", None, "2018-03-04", "GB", "RU", "GB", "Poisoning of Sergei and Yulia Skripal",
        ["skripal poisoning", "poisoning of … skripal", "salisbury poisoning", "salisbury attack", "skripal attack", "novichok attack"], []),
    ev!("douma-chemical-2018", "ASSAULT", "204", Some("unconventional"), "2018-04-07", "SY", "SY", "SY", "Douma chemical attack",
        ["douma chemical attack", "chemical attack … douma", "douma attack", "attack in douma"], []),
    ev!("jcpoa-withdrawal-2018", "SANCTION", "164", Some("withdraw"), "2018-05-08", "US", "US", "IR", "U.S. withdrawal from the JCPOA",
        ["withdrawal from the jcpoa", "withdrew from the jcpoa", "withdrew from the nuclear deal", "withdrawal from the nuclear deal", "withdrew from the iran nuclear deal", "pulled out of the nuclear deal", "exit from the nuclear deal", "withdrawal from the iran nuclear deal", "withdrawal from the iran deal", "withdrew from the iran deal", "pulled out of the iran nuclear deal", "pulled out of the jcpoa", "withdrawing from the jcpoa", "abandoned the nuclear deal", "exit from the jcpoa"], []),
    ev!("singapore-summit-2018", "CONSULT", "040", Some("meet"), "2018-06-12", "SG", "US", "KP", "Trump–Kim summit in Singapore",
        ["singapore summit", "summit in singapore", "trump-kim summit in singapore"], []),
    ev!("khashoggi-2018", "ASSAULT", "186", Some("targeted"), "2018-10-02", "TR", "SA", "", "Killing of Jamal Khashoggi",
        ["killing of … khashoggi", "khashoggi … killed", "murder of … khashoggi", "khashoggi's murder", "khashoggi's killing", "assassination of … khashoggi", "khashoggi … murdered", "khashoggi affair"], []),
    ev!("pulwama-2019", "ASSAULT", "1831", Some("suicide-attack"), "2019-02-14", "IN", "", "IN", "Pulwama attack",
        ["pulwama attack", "pulwama bombing", "pulwama terror attack", "pulwama suicide bombing", "attack in pulwama"], []),
    ev!("balakot-2019", "ASSAULT", "195", Some("aerial"), "2019-02-26", "PK", "IN", "PK", "Indian air strike on Balakot",
        ["balakot airstrike", "balakot air strike", "balakot strike", "balakot strikes", "strikes on balakot", "strike on balakot", "balakot"], []),
    ev!("hanoi-summit-2019", "CONSULT", "040", Some("meet"), "2019-02-27", "VN", "US", "KP", "Trump–Kim summit in Hanoi",
        ["hanoi summit", "summit in hanoi"], []),
    ev!("christchurch-2019", "ASSAULT", "193", Some("firearms"), "2019-03-15", "NZ", "", "NZ", "Christchurch mosque shootings",
        ["christchurch mosque shootings", "christchurch attack", "christchurch shootings", "christchurch mosque attacks", "christchurch massacre", "christchurch mosque attack"], []),
    ev!("baghuz-2019", "ASSAULT", "190", None, "2019-03-23", "SY", "", "SY", "Fall of Baghuz, territorial defeat of ISIS",
        ["fall of baghuz", "battle of baghuz", "territorial defeat of isis", "territorial defeat of the islamic state", "territorial defeat of isil", "isis's territorial defeat"], []),
    ev!("sudan-bashir-ouster-2019", "COERCE", "170", None, "2019-04-11", "SD", "SD", "SD", "Ouster of Omar al-Bashir",
        ["ouster of … bashir", "bashir … ousted", "overthrow of … bashir", "bashir's ouster", "fall of … bashir", "toppled … bashir", "removal of … bashir", "bashir's fall", "bashir was toppled", "bashir was overthrown"], []),
    ev!("sri-lanka-easter-2019", "ASSAULT", "1831", Some("suicide-attack"), "2019-04-21", "LK", "", "LK", "Easter Sunday bombings in Sri Lanka",
        ["easter sunday attacks", "easter sunday bombings", "easter bombings", "easter attacks", "easter sunday attack"], []),
    ev!("kashmir-article370-2019", "COERCE", "172", None, "2019-08-05", "IN", "IN", "IN", "Revocation of Kashmir's special status (Article 370)",
        ["revocation of article 370", "abrogation of article 370", "revoked article 370", "scrapped article 370", "scrapping of article 370", "revoking article 370", "abrogated article 370", "revocation of kashmir's special status", "revoked kashmir's special status", "stripped kashmir", "revocation of jammu and kashmir's special status"], []),
    ev!("abqaiq-2019", "ASSAULT", "195", Some("drone"), "2019-09-14", "SA", "", "SA", "Attack on Saudi Aramco's Abqaiq and Khurais facilities",
        ["abqaiq", "attack … aramco", "aramco attack", "attacks on saudi oil facilities", "attack on saudi oil facilities", "khurais"], []),
    ev!("baghdadi-killing-2019", "ASSAULT", "186", Some("targeted"), "2019-10-26", "SY", "US", "", "Killing of Abu Bakr al-Baghdadi",
        ["killing of … baghdadi", "baghdadi … killed", "death of … baghdadi", "raid … baghdadi", "baghdadi's death", "baghdadi … died"], []),
    ev!("soleimani-killing-2020", "ASSAULT", "186", Some("targeted"), "2020-01-03", "IQ", "US", "IR", "Killing of Qassem Soleimani",
        ["killing of … soleimani", "killed … soleimani", "soleimani … killed", "assassination of … soleimani", "strike … killed … soleimani", "soleimani's killing", "soleimani's assassination", "soleimani's death", "death of … soleimani", "soleimani strike", "soleimani … assassinated", "killing of … suleimani", "suleimani … killed", "assassination of … suleimani"], []),
    ev!("ain-al-asad-2020", "ASSAULT", "195", Some("heavy-weapons"), "2020-01-08", "IQ", "IR", "US", "Iranian missile attack on Ain al-Asad",
        ["ain al-asad", "al-asad air base", "ain al asad", "al asad air base", "operation martyr soleimani"], []),
    ev!("ps752-2020", "ASSAULT", "195", Some("heavy-weapons"), "2020-01-08", "IR", "IR", "", "Downing of Ukraine International Airlines Flight 752",
        ["flight 752", "ps752", "flight ps752", "ukrainian airliner … shot down", "downing of the ukrainian", "ukraine international airlines flight", "shooting down of … ukrainian airliner", "downing of … ukrainian airliner"], []),
    ev!("us-taliban-doha-2020", "SUPPORT", "057", None, "2020-02-29", "QA", "US", "AF", "U.S.–Taliban agreement (Doha)",
        ["doha agreement", "doha accord", "u.s.-taliban agreement", "u.s.-taliban deal", "us-taliban deal", "us-taliban agreement", "u.s.-taliban peace deal", "us-taliban peace deal", "u.s.-taliban peace agreement", "agreement for bringing peace to afghanistan", "doha deal", "doha peace deal", "doha peace agreement"], []),
    ev!("george-floyd-2020", "ASSAULT", "182", None, "2020-05-25", "US", "", "US", "Killing of George Floyd",
        ["killing of george floyd", "murder of george floyd", "george floyd's murder", "george floyd's killing", "death of george floyd", "george floyd's death"], []),
    ev!("galwan-2020", "ASSAULT", "190", None, "2020-06-15", "IN", "CN", "IN", "Galwan Valley clash",
        ["galwan valley clash", "galwan clash", "galwan clashes", "galwan valley clashes", "clash … galwan", "clashes … galwan", "galwan incident", "galwan"], []),
    ev!("hong-kong-nsl-2020", "COERCE", "172", None, "2020-06-30", "HK", "CN", "HK", "Hong Kong national security law",
        ["hong kong national security law", "hong kong's national security law"], ["national security law"]),
    ev!("mali-coup-2020", "COERCE", "170", None, "2020-08-18", "ML", "ML", "ML", "Military coup in Mali (2020)",
        ["2020 malian coup", "2020 coup in mali", "mali's 2020 coup", "august 2020 coup in mali"], ["2020 coup", "august 2020 coup"]),
    ev!("abraham-accords-2020", "SUPPORT", "057", None, "2020-09-15", "US", "", "", "Abraham Accords",
        ["abraham accords", "abraham accord"], []),
    ev!("navalny-poisoning-2020", "ASSAULT", "180", None, "2020-08-20", "RU", "RU", "RU", "Poisoning of Alexei Navalny",
        ["poisoning of … navalny", "navalny … poisoned", "navalny's poisoning"], []),
    ev!("karabakh-war-2020", "ASSAULT", "190", None, "2020-09-27", "AZ", "AZ", "AM", "Second Nagorno-Karabakh war",
        ["2020 nagorno-karabakh war", "second nagorno-karabakh war", "44-day war", "2020 karabakh war", "2020 war in nagorno-karabakh", "2020 war over nagorno-karabakh"], []),
    ev!("tigray-war-2020", "ASSAULT", "190", None, "2020-11-04", "ET", "ET", "ET", "Outbreak of the Tigray war",
        ["tigray war", "war in tigray", "tigray conflict", "conflict in tigray", "war … tigray … began", "war in ethiopia's tigray", "war in northern ethiopia"], []),
    ev!("fakhrizadeh-2020", "ASSAULT", "186", Some("targeted"), "2020-11-27", "IR", "", "IR", "Assassination of Mohsen Fakhrizadeh",
        ["assassination of … fakhrizadeh", "fakhrizadeh … killed", "killing of … fakhrizadeh", "fakhrizadeh … assassinated", "fakhrizadeh's assassination", "fakhrizadeh's killing"], []),
    ev!("capitol-attack-2021", "ASSAULT", "180", None, "2021-01-06", "US", "", "US", "Attack on the U.S. Capitol",
        ["january 6 attack", "jan. 6 attack", "january 6th attack", "capitol riot", "capitol riots", "attack on the capitol", "storming of the capitol", "capitol insurrection", "january 6 insurrection", "jan. 6 insurrection", "attack on the u.s. capitol", "assault on the capitol", "assault on the u.s. capitol", "stormed the capitol", "stormed the u.s. capitol", "capitol attack"], []),
    ev!("myanmar-coup-2021", "COERCE", "170", None, "2021-02-01", "MM", "MM", "MM", "Military coup in Myanmar",
        ["myanmar coup", "myanmar's coup", "burma coup", "burma's coup", "myanmar … military … coup", "coup in myanmar", "coup in burma", "myanmar military coup", "burmese coup", "myanmar's military coup", "burma's military coup", "myanmar's 2021 coup", "2021 coup in myanmar"],
        ["coup", "post-coup", "coup d'etat", "coup d'état", "overthrew", "seized power", "seize power", "coup regime", "2021 coup", "military takeover"]),
    ev!("israel-gaza-2021", "ASSAULT", "190", None, "2021-05-10", "PS", "IL", "PS", "Israel–Gaza war of May 2021",
        ["operation guardian of the walls", "may 2021 gaza war", "2021 israel-gaza war", "2021 gaza war", "may 2021 war in gaza", "2021 war in gaza"], []),
    ev!("mali-coup-2021", "COERCE", "170", None, "2021-05-24", "ML", "ML", "ML", "Military coup in Mali (2021)",
        ["2021 malian coup", "2021 coup in mali", "mali's 2021 coup", "may 2021 coup in mali"], ["2021 coup", "may 2021 coup"]),
    ev!("haiti-moise-2021", "ASSAULT", "186", Some("targeted"), "2021-07-07", "HT", "", "HT", "Assassination of Jovenel Moïse",
        ["assassination of … moïse", "moïse … assassinated", "assassination of … moise", "moise … assassinated", "moïse's assassination", "moise's assassination", "killing of … moïse", "killing of … moise"], []),
    ev!("kabul-fall-2021", "ASSAULT", "190", None, "2021-08-15", "AF", "", "AF", "The Taliban take Kabul",
        ["fall of kabul", "kabul fell", "taliban … took … kabul", "taliban … taken … kabul", "taliban … take … kabul", "taliban … takeover",
         "taliban … seized … kabul", "taliban … seized … control", "taliban … captured … kabul", "taliban … entered … kabul",
         "takeover of afghanistan", "taliban … took … control", "taliban … taking … control", "taliban … took … power", "taliban … seized … power", "taliban's … return to power", "taliban … returned to power",
         "fall of afghanistan", "collapse of the afghan government", "collapse of the afghan republic", "fall of the afghan government", "fall of the afghan republic", "kabul's fall"], []),
    ev!("kabul-airport-bombing-2021", "ASSAULT", "1831", Some("suicide-attack"), "2021-08-26", "AF", "", "AF", "Kabul airport bombing",
        ["kabul airport bombing", "kabul airport attack", "abbey gate", "bombing … kabul airport", "attack … kabul airport", "kabul airport suicide bombing", "suicide bombing … kabul airport"], []),
    ev!("us-withdrawal-afghanistan-2021", "RETREAT", "0874", Some("withdraw"), "2021-08-30", "AF", "US", "AF", "Last U.S. troops leave Afghanistan",
        ["u.s. withdrawal from afghanistan", "us withdrawal from afghanistan", "american withdrawal from afghanistan", "withdrawal of u.s. troops from afghanistan", "withdrawal of us troops from afghanistan", "withdrawal of u.s. forces from afghanistan", "u.s. exit from afghanistan", "u.s. pullout from afghanistan", "withdrawal of american troops from afghanistan", "u.s. military withdrawal from afghanistan"], []),
    ev!("guinea-coup-2021", "COERCE", "170", None, "2021-09-05", "GN", "GN", "GN", "Military coup in Guinea",
        ["2021 guinean coup", "coup in guinea", "guinea's coup", "guinea coup", "ouster of … condé", "ouster of … conde"], ["coup", "2021 coup"]),
    ev!("sudan-coup-2021", "COERCE", "170", None, "2021-10-25", "SD", "SD", "SD", "Military coup in Sudan",
        ["sudan's … october 2021 coup", "coup in sudan", "october 2021 coup", "2021 sudanese coup", "sudan's 2021 coup", "2021 coup in sudan", "sudan coup", "sudan's coup"], ["2021 coup", "october 25 coup"]),
    ev!("ukraine-invasion-2022", "ASSAULT", "190", None, "2022-02-24", "UA", "RU", "UA", "Russia invades Ukraine",
        ["invasion of ukraine", "invaded ukraine", "invade ukraine", "invading ukraine", "invasion … ukraine", "war … ukraine … began",
         "russia's full-scale invasion", "russian invasion", "russia's invasion", "full-scale invasion of ukraine", "russia's war on ukraine began", "special military operation"],
        ["full-scale invasion", "the invasion", "russia's war"]),
    ev!("abe-assassination-2022", "ASSAULT", "186", Some("targeted"), "2022-07-08", "JP", "", "JP", "Assassination of Shinzo Abe",
        ["assassination of … abe", "abe … assassinated", "abe's assassination", "killing of … shinzo abe", "shinzo abe … killed", "shinzo abe … shot"], []),
    ev!("pelosi-taiwan-2022", "CONSULT", "042", Some("visit"), "2022-08-02", "TW", "US", "TW", "Nancy Pelosi visits Taiwan",
        ["pelosi's visit to taiwan", "pelosi … visit … taiwan", "pelosi's taiwan visit", "pelosi … visited taiwan", "pelosi's trip to taiwan", "pelosi … trip to taiwan"], []),
    ev!("mahsa-amini-protests-2022", "PROTEST", "141", Some("demo"), "2022-09-16", "IR", "IR", "IR", "Protests after Mahsa Amini's death",
        ["mahsa amini … protests", "amini … protests", "woman, life, freedom", "death of mahsa amini", "mahsa amini's death", "death of … mahsa amini", "jina amini", "women, life, freedom"], []),
    ev!("nord-stream-2022", "ASSAULT", "180", None, "2022-09-26", "DK", "", "", "Nord Stream pipeline sabotage",
        ["nord stream … sabotage", "sabotage … nord stream", "nord stream … explosions", "nord stream … blasts", "explosions … nord stream", "nord stream … attack"], []),
    ev!("pretoria-agreement-2022", "SUPPORT", "057", None, "2022-11-02", "ZA", "ET", "ET", "Pretoria agreement ending the Tigray war",
        ["pretoria agreement", "pretoria peace agreement", "pretoria peace deal", "tigray peace deal", "tigray peace agreement", "peace agreement … tigray", "cessation of hostilities agreement"], []),
    ev!("saudi-iran-deal-2023", "SUPPORT", "057", None, "2023-03-10", "CN", "SA", "IR", "China-brokered Saudi–Iran agreement",
        ["saudi-iran deal", "saudi-iranian deal", "saudi-iran agreement", "saudi-iranian agreement", "iran-saudi deal", "iran-saudi agreement", "saudi-iran rapprochement", "china-brokered deal", "beijing-brokered deal", "china-brokered agreement", "beijing-brokered agreement", "saudi-iranian rapprochement"], []),
    ev!("sudan-war-2023", "ASSAULT", "190", None, "2023-04-15", "SD", "", "SD", "Outbreak of war in Sudan",
        ["war in sudan … broke out", "fighting … broke out … sudan", "since april 2023", "april 15, 2023", "war in sudan began", "sudan's war began", "sudan war broke out", "war between the sudanese armed forces and the rapid support forces", "conflict … saf … rsf … erupted"], []),
    ev!("kakhovka-dam-2023", "ASSAULT", "180", None, "2023-06-06", "UA", "", "UA", "Destruction of the Kakhovka dam",
        ["kakhovka dam", "nova kakhovka dam", "destruction of the kakhovka", "kakhovka reservoir dam"], []),
    ev!("wagner-mutiny-2023", "COERCE", "170", None, "2023-06-24", "RU", "", "RU", "Wagner Group mutiny",
        ["wagner … mutiny", "wagner … rebellion", "prigozhin … mutiny", "prigozhin's … march", "wagner … uprising", "prigozhin's … rebellion", "wagner … revolt", "prigozhin's … revolt", "march on moscow"], []),
    ev!("niger-coup-2023", "COERCE", "170", None, "2023-07-26", "NE", "NE", "NE", "Military coup in Niger",
        ["coup in niger", "niger coup", "niger's coup", "2023 nigerien coup", "niger's military coup", "ouster of … bazoum", "bazoum … ousted", "overthrow of … bazoum", "bazoum's ouster"], ["coup", "2023 coup", "july 2023 coup"]),
    ev!("prigozhin-death-2023", "ASSAULT", "186", Some("targeted"), "2023-08-23", "RU", "", "RU", "Death of Yevgeny Prigozhin",
        ["prigozhin's death", "death of … prigozhin", "prigozhin … killed", "prigozhin … died", "plane crash … prigozhin", "prigozhin's plane"], []),
    ev!("gabon-coup-2023", "COERCE", "170", None, "2023-08-30", "GA", "GA", "GA", "Military coup in Gabon",
        ["coup in gabon", "gabon coup", "gabon's coup", "gabonese coup", "ouster of … bongo", "bongo … ousted"], ["coup", "2023 coup"]),
    ev!("karabakh-offensive-2023", "ASSAULT", "190", None, "2023-09-19", "AZ", "AZ", "AM", "Azerbaijani offensive in Nagorno-Karabakh",
        ["2023 azerbaijani offensive", "september 2023 offensive", "azerbaijan's … offensive … karabakh", "azerbaijan's … offensive … nagorno-karabakh", "exodus … karabakh armenians", "2023 nagorno-karabakh offensive"], []),
    ev!("october7-2023", "ASSAULT", "190", None, "2023-10-07", "IL", "", "IL", "Hamas attack on Israel of October 7",
        ["october 7 attack", "october 7 attacks", "oct. 7 attack", "oct. 7 attacks", "7 october attack", "october 7 hamas", "oct. 7 hamas",
         "october 7 massacre", "hamas-led attack", "october 7 terrorist attack", "7 october attacks", "october 7th attack", "october 7th attacks", "al-aqsa flood", "al aqsa flood", "operation al-aqsa flood", "hamas attack on israel", "hamas's attack on israel", "hamas' attack on israel", "hamas attacked israel", "october 7 terror attack", "oct. 7 terror attack", "oct 7 attack", "oct 7 attacks", "since october 7", "since oct. 7", "attacks of october 7", "attack of october 7", "events of october 7"], []),
    ev!("al-ahli-hospital-2023", "ASSAULT", "183", None, "2023-10-17", "PS", "", "PS", "Explosion at al-Ahli Arab Hospital",
        ["al-ahli hospital", "al-ahli arab hospital", "al ahli hospital", "ahli arab hospital", "al-ahli baptist hospital"], []),
    ev!("tower22-2024", "ASSAULT", "195", Some("drone"), "2024-01-28", "JO", "", "US", "Drone strike on Tower 22",
        ["tower 22"], []),
    ev!("navalny-death-2024", "ASSAULT", "186", Some("targeted"), "2024-02-16", "RU", "RU", "RU", "Death of Alexei Navalny in prison",
        ["death of … navalny", "navalny's death", "navalny … died", "navalny … death in prison"], []),
    ev!("crocus-2024", "ASSAULT", "180", None, "2024-03-22", "RU", "", "RU", "Crocus City Hall attack",
        ["crocus city hall", "crocus concert hall", "crocus attack"], []),
    ev!("damascus-consulate-2024", "ASSAULT", "195", Some("aerial"), "2024-04-01", "SY", "IL", "IR", "Israeli strike on the Iranian consulate in Damascus",
        ["strike … iranian consulate … damascus", "damascus consulate", "iranian consulate in damascus", "iran's consulate in damascus", "strike on … embassy … damascus", "strike on … consulate … damascus", "bombing of … consulate … damascus", "attack on … consulate … damascus", "iranian embassy compound in damascus", "consular building in damascus", "consulate strike"], []),
    ev!("iran-israel-april-2024", "ASSAULT", "195", Some("drone"), "2024-04-13", "IL", "IR", "IL", "Iranian drone and missile attack on Israel",
        ["operation true promise", "iran's april 13 attack", "april 13 attack", "iran's … attack on israel … april", "iranian attack on israel in april"], []),
    ev!("haniyeh-2024", "ASSAULT", "186", Some("targeted"), "2024-07-31", "IR", "IL", "", "Assassination of Ismail Haniyeh in Tehran",
        ["assassination of … haniyeh", "haniyeh … killed", "killing of … haniyeh", "haniyeh … assassinated", "haniyeh's assassination", "haniyeh's killing", "death of … haniyeh"], []),
    ev!("hasina-ouster-2024", "RETREAT", "0831", Some("resign"), "2024-08-05", "BD", "BD", "BD", "Sheikh Hasina resigns and flees Bangladesh",
        ["ouster of … hasina", "hasina … ousted", "hasina … resigned", "hasina … fled", "hasina's ouster", "fall of … hasina", "hasina's fall", "overthrow of … hasina", "toppling of … hasina", "toppled … hasina", "hasina's resignation", "resignation of … hasina"], []),
    ev!("kursk-incursion-2024", "ASSAULT", "190", None, "2024-08-06", "RU", "UA", "RU", "Ukrainian incursion into Kursk",
        ["kursk incursion", "kursk offensive", "incursion into … kursk", "ukraine's kursk", "offensive into … kursk", "invasion of … kursk", "kursk operation"], []),
    ev!("pager-attacks-2024", "ASSAULT", "183", None, "2024-09-17", "LB", "IL", "LB", "Pager and walkie-talkie explosions in Lebanon",
        ["pager attacks", "pager attack", "pager explosions", "exploding pagers", "pager blasts", "pagers exploded", "pager and walkie-talkie", "pagers … exploded"], []),
    ev!("nasrallah-2024", "ASSAULT", "186", Some("targeted"), "2024-09-27", "LB", "IL", "LB", "Killing of Hassan Nasrallah",
        ["killing of … nasrallah", "nasrallah … killed", "assassination of … nasrallah", "nasrallah's assassination", "nasrallah's killing", "nasrallah's death", "death of … nasrallah", "nasrallah … assassinated"], []),
    ev!("iran-israel-october-2024", "ASSAULT", "195", Some("heavy-weapons"), "2024-10-01", "IL", "IR", "IL", "Iranian missile attack on Israel of October 1",
        ["true promise ii", "true promise 2", "operation true promise ii", "october 1 attack", "oct. 1 attack", "iran's october 1", "iran's oct. 1"], []),
    ev!("sinwar-2024", "ASSAULT", "186", Some("targeted"), "2024-10-16", "PS", "IL", "PS", "Killing of Yahya Sinwar",
        ["killing of … sinwar", "sinwar … killed", "sinwar's death", "death of … sinwar", "sinwar's killing"], []),
    ev!("israel-iran-october-2024", "ASSAULT", "195", Some("aerial"), "2024-10-26", "IR", "IL", "IR", "Israeli strikes on Iran of October 26",
        ["operation days of repentance", "days of repentance", "october 26 strikes", "israel's october 26", "israel's oct. 26"], []),
    ev!("assad-fall-2024", "COERCE", "170", None, "2024-12-08", "SY", "", "SY", "Fall of the Assad regime",
        ["fall of assad", "assad's fall", "fall of the assad regime", "ouster of … assad", "assad … fled", "fall of damascus", "assad … toppled", "toppling of … assad", "collapse of the assad regime", "assad's ouster", "overthrow of … assad", "assad was ousted", "assad was overthrown", "collapse of the assad", "fall of bashar al-assad", "assad regime fell", "assad's regime fell", "fall of the assad", "downfall of … assad", "assad's downfall", "post-assad"], []),
    ev!("trump-assassination-attempt-2024", "ASSAULT", "186", Some("targeted"), "2024-07-13", "US", "", "US", "Assassination attempt on Donald Trump in Butler",
        ["assassination attempt … trump … butler", "attempted assassination of … trump", "trump … assassination attempt … pennsylvania", "butler rally", "shooting at … butler"], []),
];

/// Every alias of the table under the words it may start at, in table
/// order: `(word, event index, alias words, context alias)`. An alias is
/// keyed by its first word ([`alias_words`]) and, when that word is
/// hyphenated, by the part before the first hyphen as well (listed first),
/// so "Camp David Accords" starts at "camp" and "Oslo-II" at "oslo".
#[allow(dead_code)] // the build script's generator and the tests use it
pub fn keyed_aliases() -> Vec<(String, usize, Vec<String>, bool)> {
    let mut keyed = Vec::new();
    for (k, n) in NAMED.iter().enumerate() {
        for (list, context) in [(n.aliases, false), (n.context_aliases, true)] {
            for al in list {
                let words = alias_words(al);
                let Some(first) = words.first().cloned() else { continue };
                let head = first.split('-').next().unwrap_or("").to_string();
                if !head.is_empty() && head != first {
                    keyed.push((head, k, words.clone(), context));
                }
                keyed.push((first, k, words, context));
            }
        }
    }
    keyed
}

/// Tokens of an alias pattern, cut like document text (`crate::text`):
/// lower case, typographic apostrophes made plain, "'s" split off; `…`
/// stays a gap marker.
pub fn alias_words(alias: &str) -> Vec<String> {
    // plain aliases (ASCII words of letters only or of digits only, single
    // spaces between them) split at the spaces as the segmenter splits
    // them, without running it
    if let Some(words) = plain_words(alias) {
        return words;
    }
    let seg = crate::text::segment(alias);
    (0..seg.tokens.len())
        .map(|i| {
            let w = seg.token_text(alias, i);
            // ASCII words need neither Unicode lowercasing nor the apostrophe fix
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase().replace('\u{2019}', "'")
            }
        })
        .collect()
}

/// The lower-case words of an alias made only of ASCII words of letters
/// or of digits separated by single spaces; `None` for any other alias.
pub fn plain_words(alias: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for w in alias.split(' ') {
        let b = w.as_bytes();
        if b.is_empty() || !(b.iter().all(u8::is_ascii_alphabetic) || b.iter().all(u8::is_ascii_digit)) {
            return None;
        }
        out.push(w.to_ascii_lowercase());
    }
    Some(out)
}
