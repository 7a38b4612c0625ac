//! What a caller can tune: the name pattern ([`NamePattern`], defined here
//! since choosing one is an option) and the bounds on hostile input.

use std::sync::Arc;

use crate::family::RequiredWording;
use crate::pool::Schema;
use crate::semantics::SchemaMode;
use crate::shape::{StringShape, ATTRIBUTE_NAME_CURRENT, ATTRIBUTE_NAME_LEGACY};

/// The two attribute-name patterns of the model.
///
/// AWS widened the pattern in February 2026; pools created before May 2024 in
/// some regions still use the old one, so the old one is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NamePattern {
    /// `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`: letters, marks, symbols, numbers and
    /// punctuation only. The default.
    #[default]
    Legacy,
    /// `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+`: the legacy class plus tab, line
    /// feed, carriage return and space.
    Current,
}

impl NamePattern {
    /// The attribute-name shape under this pattern.
    pub const fn shape(self) -> &'static StringShape {
        match self {
            NamePattern::Legacy => &ATTRIBUTE_NAME_LEGACY,
            NamePattern::Current => &ATTRIBUTE_NAME_CURRENT,
        }
    }
}

/// Validation options. `Options::default()` is what the service does today
/// for pools on the legacy name pattern, with bounds that a valid request
/// never comes near.
///
/// ```
/// use cognito_validate::{NamePattern, Options};
/// let opts = Options::default()
///     .with_name_pattern(NamePattern::Current)
///     .with_max_diagnostics(10);
/// assert_eq!(opts.max_diagnostics, 10);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Which attribute-name pattern applies. Default: [`NamePattern::Legacy`].
    pub name_pattern: NamePattern,
    /// Inputs longer than this many bytes are refused unread (rule J007).
    /// Default: [`Options::DEFAULT_MAX_INPUT_BYTES`] (1 MiB).
    pub max_input_bytes: usize,
    /// Arrays and objects nested deeper than this are refused (rule J008). A
    /// valid request nests 3 deep. Default: [`Options::DEFAULT_MAX_DEPTH`]
    /// (64); values above [`Options::MAX_DEPTH_LIMIT`] are treated as that.
    pub max_depth: usize,
    /// At most this many diagnostics are collected; the rest are counted.
    /// Default: [`Options::DEFAULT_MAX_DIAGNOSTICS`] (100); at least 1 is kept.
    pub max_diagnostics: usize,
    /// Which business rules (phase two) apply. Default:
    /// [`SchemaMode::DefaultPool`], the rules every user pool has.
    pub schema: SchemaMode,
    /// How SignUp and AdminCreateUser word a required attribute that is
    /// missing. Default: [`RequiredWording::Capitalised`].
    pub required_wording: RequiredWording,
    /// Whether a NEW_PASSWORD_REQUIRED answer (RespondToAuthChallenge,
    /// AdminRespondToAuthChallenge) must carry every required attribute of
    /// the pool as `userAttributes.<name>` (rule A016). The service asks only
    /// for the required attributes the user lacks, which the request alone
    /// cannot tell: on, a request is refused that the service accepts when
    /// the user already has the attribute (set by AdminCreateUser, say); off,
    /// a request the service refuses may pass. Default: on (a linter's
    /// choice); `cognito-validate serve` turns it off, since a gateway must
    /// never refuse what the service accepts.
    pub required_in_challenge: bool,
    /// The access-token check, run once phase one passes (feature `token`).
    /// Default: none.
    #[cfg(feature = "token")]
    pub token: Option<Arc<crate::token::TokenCheck>>,
}

impl Options {
    /// Default for [`Options::max_input_bytes`]: 1 MiB.
    pub const DEFAULT_MAX_INPUT_BYTES: usize = 1 << 20;
    /// Default for [`Options::max_depth`].
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    /// The greatest depth honoured, whatever [`Options::max_depth`] says: the
    /// parser recurses once per level and must not exhaust a thread's stack.
    pub const MAX_DEPTH_LIMIT: usize = 1024;
    /// Default for [`Options::max_diagnostics`].
    pub const DEFAULT_MAX_DIAGNOSTICS: usize = 100;

    /// These options with another name pattern.
    pub fn with_name_pattern(mut self, p: NamePattern) -> Self {
        self.name_pattern = p;
        self
    }

    /// These options with another input size limit, in bytes.
    pub fn with_max_input_bytes(mut self, n: usize) -> Self {
        self.max_input_bytes = n;
        self
    }

    /// These options with another nesting limit.
    pub fn with_max_depth(mut self, n: usize) -> Self {
        self.max_depth = n;
        self
    }

    /// These options with another cap on collected diagnostics.
    pub fn with_max_diagnostics(mut self, n: usize) -> Self {
        self.max_diagnostics = n;
        self
    }

    /// These options checking against a pool's schema (and app client).
    pub fn with_schema(mut self, schema: Schema) -> Self {
        self.schema = SchemaMode::Pool(Arc::new(schema));
        self
    }

    /// These options with another wording for a missing required attribute.
    pub fn with_required_wording(mut self, w: RequiredWording) -> Self {
        self.required_wording = w;
        self
    }

    /// These options with [`Options::required_in_challenge`] set.
    pub fn with_required_in_challenge(mut self, on: bool) -> Self {
        self.required_in_challenge = on;
        self
    }

    /// These options with the shapes only (phase one), no business rules:
    /// what a JSON Schema of the request can say.
    pub fn phase_one_only(mut self) -> Self {
        self.schema = SchemaMode::PhaseOneOnly;
        self
    }

    /// These options checking the request's access token (signature,
    /// lifetime, issuer, app client, scope) once its shapes pass.
    #[cfg(feature = "token")]
    pub fn with_token_check(mut self, check: crate::token::TokenCheck) -> Self {
        self.token = Some(Arc::new(check));
        self
    }

    /// The depth limit actually applied.
    pub(crate) fn depth_limit(&self) -> usize {
        self.max_depth.min(Self::MAX_DEPTH_LIMIT)
    }

    /// The diagnostic cap actually applied.
    pub(crate) fn diagnostic_cap(&self) -> usize {
        self.max_diagnostics.max(1)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            name_pattern: NamePattern::Legacy,
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_diagnostics: Self::DEFAULT_MAX_DIAGNOSTICS,
            schema: SchemaMode::DefaultPool,
            required_wording: RequiredWording::Capitalised,
            required_in_challenge: true,
            #[cfg(feature = "token")]
            token: None,
        }
    }
}
