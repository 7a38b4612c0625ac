//! Proptest strategies for requests: valid ones, and for every rule one that
//! breaks exactly that rule. (Being written; see issue 5.)
