//! The word lists of the event rules (std-only data).
//!
//! Each class list is one word class ([`class`]): the build script
//! (`build.rs`, which mounts this file) gives every listed word its class
//! bits in the generated vocabulary (`super::tables`), so a document looks
//! each token up once instead of scanning lists. `super::args` and
//! `super` test the classes with `Doc::is`. The build script also marks
//! the lexicon rows of the [`AMBIGUOUS`] forms and keeps only rows and
//! patterns of the [`PLOVER_TYPES`].

/// Word classes of the rules' word lists, one bit each.
pub mod class {
    pub const PREP: u32 = 1;
    pub const CLAUSE_STOP: u32 = 1 << 1;
    pub const NOUN_PHRASE_END: u32 = 1 << 2;
    pub const PASSIVE_AUX: u32 = 1 << 3;
    pub const SUPPORTER_VERB: u32 = 1 << 4;
    pub const FUNCTION_WORD: u32 = 1 << 5;
    pub const NOUN_LEFT: u32 = 1 << 6;
    /// Words before a verb that make it a verb (modals, subject pronouns).
pub const VERB_LEFT: u32 = 1 << 7;
    pub const DEFINITE: u32 = 1 << 8;
}

/// Every list with its class bit.
pub const CLASS_LISTS: [(&[&str], u32); 9] = [
    (PREPS, class::PREP),
    (CLAUSE_STOP, class::CLAUSE_STOP),
    (NOUN_PHRASE_END, class::NOUN_PHRASE_END),
    (PASSIVE_AUX, class::PASSIVE_AUX),
    (SUPPORTER_VERBS, class::SUPPORTER_VERB),
    (FUNCTION_WORDS, class::FUNCTION_WORD),
    (NOUN_LEFT, class::NOUN_LEFT),
    (VERB_LEFT, class::VERB_LEFT),
    (DEFINITE, class::DEFINITE),
];

/// Words and marks that end a clause: argument searches stop there.
pub const CLAUSE_STOP: &[&str] = &[
    ";", ":", "—", "–", "(", ")", "\"", "“", "”", "that", "which", "who", "whom", "because", "while", "although", "whereas",
    "after", "following", "since", "when", "if", "where", "than", "before", "amid", "despite", "though", "until", "unless",
    "whether", "claiming", "saying", "adding", "according",
];
/// Prepositions that introduce an argument.
pub const PREPS: &[&str] = &[
    "on", "against", "into", "at", "in", "near", "with", "between", "among", "amongst", "to", "from", "toward", "towards",
    "targeting", "across", "inside", "outside", "over", "of", "by", "throughout", "within", "along", "onto",
];
/// Verbs that end a nominal trigger's phrase ("the strikes are …").
pub const NOUN_PHRASE_END: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must",
    "comes", "came", "come", "became", "become", "becomes", "remains", "remained", "seems", "seemed", "marks", "marked",
    "killed", "left", "prompted", "sparked", "triggered", "shattered", "caused", "raised", "led", "drew", "underscored",
];
/// Auxiliaries of the passive ("were killed").
pub const PASSIVE_AUX: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"];
/// Verbs of ", supported by A, B and C," parentheticals.
pub const SUPPORTER_VERBS: &[&str] = &["supported", "backed", "joined", "aided", "assisted", "accompanied", "helped", "including"];
/// Words after a country name that do not make it a modifier of a noun.
pub const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "in", "on", "at", "of", "to", "for", "from", "with", "by", "as", "since", "after",
    "before", "during", "when", "while", "which", "that", "who", "where", "is", "was", "were", "are", "has",
    "have", "had", "will", "would", "said", "says", "and,", "than", "into", "over", "near", "amid",
];
/// Words before a noun that make it a noun (determiners, quantifiers).
pub const NOUN_LEFT: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "of", "further", "new", "more",
    "any", "no", "fresh", "recent", "latest", "first", "second", "last", "such", "several", "many", "multiple", "two", "three",
    "four", "military", "deadly", "'s", "-", "major", "massive", "renewed", "direct", "peace", "nuclear", "bilateral",
    "multilateral", "retaliatory", "joint", "overnight", "weekend", "terrorist", "terror", "suspected", "alleged", "cross-border",
    "for", "in", "after", "following", "since", "amid", "during", "before", "against", "and", "or",
];
/// Words before a verb that make it a verb (modals, subject pronouns).
pub const VERB_LEFT: &[&str] = &[
    "to", "will", "would", "could", "should", "may", "might", "must", "can", "did", "does", "do", "not", "n't", "he", "she",
    "they", "we", "i", "who", "also", "then", "later", "reportedly", "allegedly", "repeatedly",
];
/// Determiners of a definite noun phrase ("the attack"), which may refer back.
pub const DEFINITE: &[&str] = &["the", "this", "that", "these", "those", "such"];

/// Tier-1 forms too ambiguous to stand without an actor argument (the
/// build script marks their lexicon rows, `Entry::ambiguous`).
pub const AMBIGUOUS: &[&str] = &[
    "hit", "struck", "meeting", "meet", "meets", "met", "visit", "visits", "visited", "visiting", "offer", "offers", "offered",
    "offering", "proposal", "overture", "relief", "aid", "assistance", "fall", "capture", "release", "released", "freed",
    "battle", "fighting", "fought", "blast", "explosion", "probe", "inquiry", "investigation", "investigated", "investigating",
    "charged", "welcomed", "praised", "dismissed", "warned", "fled", "flee", "fleeing", "rally", "rallies", "march", "rallied",
    "marched", "hosted", "hosts", "signed", "signs", "signing", "agreed", "agrees", "demanded", "demands", "demanding", "urged",
    "urges", "called on", "called for", "calls for", "calling for", "endorsed", "recognized", "recognised", "destroyed",
    "demolished", "shot", "detention", "deployed", "deploys", "deploying", "deployment", "buildup", "build-up", "withdrew",
    "withdraws", "withdrawn", "pulled out", "withdrawal", "promised", "pledged", "vowed to", "threatened", "threatens",
    "threatening", "evacuated", "evacuating", "evacuate", "evacuation", "evacuations", "provided", "captured", "seized",
    "seizes", "seizing", "occupied", "clash", "resigned", "resigns", "resignation", "unrest", "bombing", "bombed", "drills",
    "accused", "accuses", "accusing", "blamed", "blames", "rejects", "rejected", "rejecting", "refused", "refuses",
];

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
