//! Checks Amazon Cognito `UpdateUserAttributes` requests the way the service does.
#![deny(missing_docs)]

mod chars;
pub mod path;
pub mod shape;
