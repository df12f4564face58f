//! Every rule's code, as used in output, in `[rules]` of `newslint.toml` and in
//! the editors' settings. They live here, below both `config` and `rules`, so
//! that the configuration can check a code without depending on the rules.

pub const MISSING_SOURCE: &str = "missing-source";
pub const UNATTRIBUTED_QUOTE: &str = "unattributed-quote";
pub const ANONYMOUS_SOURCE: &str = "anonymous-source";
pub const UNBALANCED_QUOTE: &str = "unbalanced-quote";
pub const NAME_VARIANT: &str = "name-variant";
pub const MIXED_SCRIPT: &str = "mixed-script";
pub const QUOTE_DRIFT: &str = "quote-drift";
pub const SPEAKER_CONFLICT: &str = "speaker-conflict";
pub const LOST_APOSTROPHE: &str = "lost-apostrophe";
/// A suppression directive that names an unknown rule or gives no reason.
pub const INVALID_SUPPRESSION: &str = "invalid-suppression";
/// A directive that suppresses nothing, a review entry that matches nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// Every code, in the order the rules run and SARIF lists them.
pub const ALL: &[&str] = &[
    MISSING_SOURCE,
    UNATTRIBUTED_QUOTE,
    ANONYMOUS_SOURCE,
    UNBALANCED_QUOTE,
    NAME_VARIANT,
    MIXED_SCRIPT,
    QUOTE_DRIFT,
    SPEAKER_CONFLICT,
    LOST_APOSTROPHE,
    INVALID_SUPPRESSION,
    UNUSED_SUPPRESSION,
];
