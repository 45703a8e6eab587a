//! `Client::update_contact`: the normalized contact (see [`crate::unified`]) sent through a
//! client, the Rust side of the JavaScript `client.updateContact(ref, contact, { before })`
//! (pkg/src/contact.js), with the same steps and the same result.

use super::{CallOptions, Client, Runtime, Success, Transport};
use crate::providers::{ErrorKind, ProviderError};
use crate::rules::{CivilDate, Issue};
use crate::schema::Operation;
use crate::unified::{self, Mapping, Options};
use serde_json::Value;

/// What [`Client::update_contact`] resolved to on success: the operation it used, the call's
/// [`Success`], and the contact the response body gives back (`None` when the body holds no
/// record the mapping can read).
#[derive(Clone, Debug, PartialEq)]
pub struct ContactSuccess {
    /// The provider operation the contact was sent with (`juspay.updateCustomer`, …).
    pub op: &'static Operation,
    /// The call's result, as [`Client::send`] returns it.
    pub success: Success,
    /// [`unified::from_provider`] of the response body, when it reads as a contact.
    pub contact: Option<Value>,
}

/// Why [`Client::update_contact`] failed: the operation it used (or would have used) and the
/// error, its field issues on the contact's paths (`phone`, not `mobile_number`).
#[derive(Clone, Debug, PartialEq)]
pub struct ContactError {
    /// The provider operation that takes the contact; `None` only for a provider whose spec
    /// has no `[unified]` section (every provider of this package has one).
    pub op: Option<&'static Operation>,
    /// The error, as [`Client::send`] reports it, issues mapped onto the contact.
    pub error: ProviderError,
}

/// A validation error about the contact (nothing was sent), worded as the JavaScript one (both
/// read `CONTACT_NOT_SENT` of the vocab messages).
fn contact_invalid(issues: Vec<Issue>) -> ProviderError {
    let message = crate::rules::messages::count_message(
        crate::rules::messages::CONTACT_NOT_SENT,
        issues.len(),
    );
    ProviderError {
        message,
        ..ProviderError::validation(issues)
    }
}

/// `issue` with its path in the provider input moved onto the contact (the call's own
/// `options`/`config` paths stay as they are).
fn onto_contact(mapping: &Mapping, mut issue: Issue) -> Issue {
    let own = matches!(
        issue.path.first(),
        Some(crate::rules::PathSeg::Key(k)) if k == "options" || k == "config"
    );
    if !own {
        issue.path = unified::contact_path(mapping, &issue.path);
    }
    issue
}

impl<T: Transport + 'static, R: Runtime<Signal = T::Signal> + 'static> Client<T, R> {
    /// Sends `contact` (the normalized contact: `email`, `phone`, `givenName`, `middleName`,
    /// `familyName`, `birthDate`, `address`) to this client's provider as the customer
    /// `reference` (Access Bank `accountNo`, Juspay and Gathr `customer_id`, BVNK
    /// `customerReference`, M2P `entityId`).
    ///
    /// With `before` (the contact as the provider holds it) only the fields that changed are
    /// sent ([`unified::diff`]). The contact is mapped with [`unified::to_provider`] and validated
    /// by the operation's rules (today's date by the client's runtime); any issue, local or a
    /// field error in the provider's answer, is reported on the contact's path. A contact field
    /// the provider cannot take is an `unsupported_field` issue, and nothing is sent.
    ///
    /// ```
    /// use customer_update::client::{CallOptions, Client, Config, Response, Runtime, Transport, TransportError};
    /// use customer_update::request::Request;
    /// use std::future::{ready, Future};
    ///
    /// /// Answers every request with 200 `{}`.
    /// struct Ok200;
    /// impl Transport for Ok200 {
    ///     type Signal = ();
    ///     fn send(&self, _: &Request, _: u64, _: Option<&()>) -> impl Future<Output = Result<Response, TransportError>> {
    ///         ready(Ok(Response { status: 200, headers: vec![], body: "{}".into() }))
    ///     }
    /// }
    /// struct Fixed;
    /// impl Runtime for Fixed {
    ///     type Signal = ();
    ///     fn now_ms(&self) -> f64 { 1_767_225_600_000.0 }
    ///     fn sleep(&self, _: u64, _: Option<&()>) -> impl Future<Output = ()> { ready(()) }
    ///     fn fill_random(&self, buf: &mut [u8]) -> bool { buf.fill(7); true }
    /// }
    ///
    /// let config = serde_json::json!({ "token": "gathr-api-token" });
    /// let config = Config::from_map(config.as_object().unwrap().clone()).unwrap();
    /// let provider = customer_update::provider("gathr").unwrap();
    /// let client = Client::new(provider, config, Ok200, Fixed).unwrap();
    /// let before = serde_json::json!({ "givenName": "Chris", "email": "chris@example.com" });
    /// let after = serde_json::json!({ "givenName": "Kris", "email": "chris@example.com" });
    /// let reference = "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27";
    /// let call = client.update_contact(reference, &after, Some(&before), CallOptions::default());
    /// let mut call = std::pin::pin!(call);
    /// let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// let std::task::Poll::Ready(result) = call.as_mut().poll(&mut cx) else { unreachable!() };
    /// let sent = result.unwrap();
    /// assert_eq!(sent.op.id, "gathr.updateCustomer");
    /// assert_eq!(sent.success.status, 200);
    ///
    /// // A field the provider cannot take is reported on the contact, and nothing is sent.
    /// let odd = serde_json::json!({ "birthDate": "1990-05-01" });
    /// let call = client.update_contact(reference, &odd, None, CallOptions::default());
    /// let mut call = std::pin::pin!(call);
    /// let std::task::Poll::Ready(result) = call.as_mut().poll(&mut cx) else { unreachable!() };
    /// let error = result.unwrap_err().error;
    /// assert_eq!(error.issues[0].code.as_str(), "unsupported_field");
    /// assert_eq!(error.issues[0].path, vec!["birthDate".into()]);
    /// ```
    pub async fn update_contact(
        &self,
        reference: &str,
        contact: &Value,
        before: Option<&Value>,
        options: CallOptions<T::Signal>,
    ) -> Result<ContactSuccess, ContactError> {
        let provider = self.provider();
        let Some(mapping) = unified::mapping(provider.key) else {
            let message = crate::text::concat(&[provider.key, " has no contact mapping."]);
            return Err(ContactError {
                op: None,
                error: ProviderError::new(ErrorKind::Validation, message),
            });
        };
        let op = mapping.op;
        let fail = |error| {
            Err(ContactError {
                op: Some(op),
                error,
            })
        };
        let changed;
        let contact = match before {
            Some(before) => match unified::diff(before, contact) {
                Ok(c) => {
                    changed = c;
                    &changed
                }
                Err(issues) => return fail(contact_invalid(issues)),
            },
            None => contact,
        };
        let today = CivilDate::from_unix_days(self.now().div_euclid(86_400_000.0) as i64);
        let mapped = match mapping.to_provider(contact, reference, Options::default(), today) {
            Ok(m) => m,
            Err(issues) => return fail(contact_invalid(issues)),
        };
        match self.send(op, mapped.input, options).await {
            Ok(success) => {
                let contact = mapping.from_provider(&success.data).ok();
                Ok(ContactSuccess {
                    op,
                    success,
                    contact,
                })
            }
            Err(mut error) => {
                error.issues = std::mem::take(&mut error.issues)
                    .into_iter()
                    .map(|issue| onto_contact(mapping, issue))
                    .collect();
                fail(error)
            }
        }
    }
}
