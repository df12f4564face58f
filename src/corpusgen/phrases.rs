//! The sentences a generated article is made of, all written for newslint.
//!
//! Slots: `{L}` a place, `{O}` an organisation, `{N}` a small number, `{X}`
//! a sum of money, `{C}` a percentage, `{M}` a month, `{D}` a weekday, `{A}`
//! an apostrophe in the article's style (curly or straight).

pub const FILLER: &[&str] = &[
    "The {O} said it would publish its review of the {L} project in {M}.",
    "Officials in {L} expect the first shipments to arrive by the end of {M}.",
    "Talks resumed on {D} after a pause of nearly {N} weeks.",
    "The proposal would cost about {X} over five years, according to a draft seen by reporters.",
    "Prices in {L} rose by {C} in the year to {M}, the fastest pace since the spring of 2019.",
    "Neither side has published the full text of the agreement.",
    "The {O} has not commented on the figures.",
    "Around {N} hundred people gathered outside the regional assembly in {L} on {D}.",
    "The river crossing near {L} has been closed to heavy traffic since {M}.",
    "Analysts had expected a smaller increase, given the slowdown in exports.",
    "It{A}s the third such meeting this year, and the first held in {L}.",
    "The {O} plans to hire {N} hundred inspectors before the winter.",
    "A second round of consultations is scheduled for {M} in {L}.",
    "Local newspapers reported long queues at petrol stations on {D} morning.",
    "The plan still needs the approval of the {O}, which meets again in {M}.",
    "Freight volumes through the port of {L} fell by {C} last quarter.",
    "Both delegations left without making a statement to the press.",
    "The budget sets aside {X} for repairs to schools and hospitals.",
    "Temperatures near {L} dropped to −{N} °C overnight, delaying the work.",
    "Farmers{A} groups have asked for compensation worth {X}.",
    "The {O} described the talks as constructive but gave no details.",
    "A decision on the tariffs was postponed until {M}.",
    "The deal covers grain, fertiliser and spare parts for rail cars.",
    "Observers noted that the wording of the final communiqué had been softened.",
    "Shares in the {O} fell {C} in early trading on {D}.",
    "The new rules apply to any company with more than {N} hundred employees.",
    "Residents of {L} have complained about power cuts lasting up to {N} hours.",
    "The committee will hear evidence from regional officials in {M}.",
    "Roughly {C} of the funds have already been spent, the audit found.",
    "The pipeline between {L} and {L} has carried no gas since {M}.",
    "Last year{A}s harvest was the smallest in a decade.",
    "Critics say the timetable is unrealistic and the costs are underestimated.",
    "The next meeting is expected to take place in {L} after the holidays.",
    "Few details of the naïve early drafts survived into the final text.",
    "Traffic on the main road to {L} was diverted for most of {D}.",
    "The {O} raised its forecast for growth to {C} for this year.",
    "Several embassies in {L} reduced their staff over the summer.",
    "The measure passed with {N} votes in favour and a handful against.",
    "Insurance costs for ships calling at {L} have nearly doubled…",
    "The government in {L} did not respond to a request for comment.",
];

/// Quotation bodies: opener, middle, what, where, why, when, tail. The
/// slots are composed from several lists, so that two quotations drawn at
/// random share few content words (real statements seldom meet by chance)
/// and every near version in a generated corpus is a planted one.
pub const QUOTE_OPENERS: &[&str] = &[
    "We are",
    "Nobody is",
    "The talks are",
    "Our partners are",
    "This plan is",
    "I think we are",
    "The government is",
    "Everyone in the region is",
    "Our companies are",
    "We{A}re",
    "Frankly, we are",
];
pub const QUOTE_MIDDLES: &[&str] = &[
    "ready to discuss",
    "not going to rush",
    "closer than ever to",
    "still far from",
    "working hard on",
    "open to",
    "determined to finish",
    "waiting for clarity on",
];
/// The same middles in other words: what a copy that drifted writes
/// instead (index for index).
pub const QUOTE_MIDDLE_DRIFTS: &[&str] = &[
    "prepared to discuss",
    "not about to rush",
    "nearer than ever to",
    "still distant from",
    "working steadily on",
    "receptive to",
    "resolved to finish",
    "waiting for answers on",
];
/// When the speaker expects it: "within {N} {unit}".
pub const QUOTE_UNITS: &[&str] = &["days", "weeks", "months"];
/// The words that lead to the sectors and the places.
pub const QUOTE_FOR: &[&str] = &["for the", "covering the", "that helps the", "on behalf of the", "to support the", "meant for the"];
pub const QUOTE_IN: &[&str] = &["in the", "across the", "throughout the", "near the", "around the", "beyond the"];
/// Where, after the object: "in the {QUOTE_PLACE_ADJECTIVES} {QUOTE_PLACES}".
pub const QUOTE_PLACE_ADJECTIVES: &[&str] = &[
    "northern", "southern", "eastern", "western", "coastal", "upland", "old", "new", "outer", "inner", "border",
    "rural", "flooded", "mining", "fishing", "industrial", "island", "river", "frontier", "central",
];
pub const QUOTE_PLACES: &[&str] = &[
    "towns", "villages", "ports", "valleys", "districts", "suburbs", "provinces", "plains", "harbours", "markets",
    "farms", "cities", "regions", "camps", "crossings", "settlements", "estates", "quarters", "hills", "parishes",
];
/// Why, after the place: "{QUOTE_REASON_LEADS} the {QUOTE_GROUPS} {QUOTE_NEEDS}".
pub const QUOTE_REASON_LEADS: &[&str] = &["because", "since", "as", "now that", "given that", "for as long as"];
pub const QUOTE_GROUPS: &[&str] = &[
    "farmers", "workers", "banks", "courts", "voters", "families", "teachers", "nurses", "fishermen", "miners",
    "traders", "drivers", "students", "pensioners", "shopkeepers", "builders", "engineers", "doctors", "bakers",
    "sailors", "mayors", "landlords", "tenants", "parents",
];
pub const QUOTE_NEEDS: &[&str] = &[
    "need it", "insist on it", "demand it", "expect it", "have waited", "were promised it", "cannot wait",
    "are running out of patience", "asked for it", "deserve it", "depend on it", "voted for it",
];
/// What, after the middle: "{QUOTE_QUALITIES} {QUOTE_THINGS} for the {QUOTE_SECTORS}".
pub const QUOTE_QUALITIES: &[&str] = &[
    "a fair", "a lasting", "a quick", "a new", "a binding", "a simple", "a cheaper", "a safer", "a modest",
    "a temporary", "a clear", "a written", "a public", "a joint", "a broader", "a gradual",
];
pub const QUOTE_THINGS: &[&str] = &[
    "settlement", "arrangement", "timetable", "agreement", "framework", "inspection", "repair plan", "subsidy",
    "tariff", "corridor", "ceasefire", "budget", "reform", "census", "loan", "pipeline", "treaty", "compensation scheme",
    "tender", "audit",
];
pub const QUOTE_SECTORS: &[&str] = &[
    "grain trade", "river crossing", "ports", "energy market", "rail lines", "small farms", "fishing fleet",
    "water supply", "steel mills", "power grid", "airports", "bus routes", "hospitals", "schools", "mines",
    "timber yards", "wine growers", "dairy herds", "textile mills", "shipyards",
];
pub const QUOTE_TAILS: &[&str] = &[
    "",
    " this year",
    " before the winter",
    ", and everyone knows it",
    " whatever the critics say",
    ", but it won{A}t happen overnight",
    " as soon as the money arrives",
];

/// Verbs of saying after a quotation (`"…," Dorniev said.`).
pub const SAID: &[&str] = &["said", "told reporters", "added", "insisted", "warned", "noted", "said on {D}"];

/// Lead-ins for an unattributed quotation: no verb of saying, no speaker.
pub const UNATTRIBUTED_LEADS: &[&str] = &[
    "The banner over the entrance to the hall carried the words",
    "Leaflets handed out near the station bore the line",
    "The slogan painted on the wall of the depot read simply",
];

pub const ANONYMOUS: &[&str] = &["an official said", "a senior diplomat said", "one analyst said", "a source close to the talks said"];

pub const HEADLINES: &[&str] = &[
    "{P} warns of delays as talks in {L} stall",
    "{O} weighs new rules for ports after {L} meeting",
    "{L} braces for a hard winter as {O} cuts supplies",
    "{P} and {O} at odds over grain deal",
    "What the {L} agreement means for farmers",
    "{P} says deal is close, {O} disagrees",
];

pub const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];
pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
/// Outlets from `data/outlets.txt`: credit lines name real agencies.
pub const AGENCIES: &[&str] = &["Reuters", "AFP", "AP", "Bloomberg", "DPA", "Xinhua", "Interfax", "Anadolu Agency"];
