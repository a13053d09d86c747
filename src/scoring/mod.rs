//! Scores and ranks, computed from the units' figures: the formula language
//! ([`formula`]), each unit's points against its group's table
//! ([`compute`]), and the ranking of a group with its tie-breakers
//! ([`rank`]). Rules and documents both read these results; nothing here
//! reports diagnostics.

pub mod compute;
pub mod formula;
pub mod rank;
pub mod standings;
