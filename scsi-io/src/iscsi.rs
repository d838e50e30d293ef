//! iSCSI through the system libiscsi (feature `libiscsi`): not implemented yet.

use std::time::Duration;

use crate::{Completion, DataBuffer, Error, Request};

/// An iSCSI logical unit.
#[derive(Debug)]
pub struct IscsiDevice {
    name: String,
}

impl IscsiDevice {
    /// Not implemented yet.
    ///
    /// # Errors
    /// Always [`Error::BadDevice`].
    pub fn open(url: &str) -> Result<Self, Error> {
        Err(Error::BadDevice {
            device: url.to_owned(),
            what: "the libiscsi backend is not implemented yet".into(),
        })
    }

    /// The URL.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn send(
        &self,
        req: &Request,
        _data: DataBuffer<'_>,
        _t: Duration,
    ) -> Result<Completion, Error> {
        Err(Error::Transport {
            device: self.name.clone(),
            command: req.command,
            what: "not implemented".into(),
        })
    }
}
