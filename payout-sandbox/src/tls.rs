//! HTTPS for the sandbox (rustls), optionally requiring a client certificate: bank payout
//! APIs often demand mutual TLS, and a client's certificate set-up is best tried against
//! something that refuses it when it is wrong.

use std::sync::Arc;

use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{crypto, RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The sandbox's certificate and key, and the CA a client certificate must chain to.
#[derive(Clone)]
pub struct Tls {
    /// The server's certificate chain, PEM.
    pub cert_pem: String,
    /// The server's private key, PEM (PKCS#8, PKCS#1 or SEC1).
    pub key_pem: String,
    /// When set, a client must present a certificate signed by one of these CAs (PEM);
    /// a connection without one is refused during the handshake.
    pub client_ca_pem: Option<String>,
}

/// The key stays out of logs and panics.
impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls")
            .field("cert_pem", &format_args!("<{} bytes>", self.cert_pem.len()))
            .field("key_pem", &format_args!("<redacted>"))
            .field("requires_client_certificate", &self.client_ca_pem.is_some())
            .finish()
    }
}

impl Tls {
    /// The acceptor for these settings.
    pub(crate) fn acceptor(&self) -> Result<TlsAcceptor, String> {
        let provider = Arc::new(crypto::ring::default_provider());
        let certs = CertificateDer::pem_slice_iter(self.cert_pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("the sandbox certificate is not PEM: {e}"))?;
        if certs.is_empty() {
            return Err("the sandbox certificate PEM holds no certificate".into());
        }
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes())
            .map_err(|e| format!("the sandbox key is not a PEM private key: {e}"))?;
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?;
        let builder = match &self.client_ca_pem {
            None => builder.with_no_client_auth(),
            Some(ca) => {
                let mut roots = RootCertStore::empty();
                for cert in CertificateDer::pem_slice_iter(ca.as_bytes()) {
                    let cert = cert.map_err(|e| format!("the client CA is not PEM: {e}"))?;
                    roots
                        .add(cert)
                        .map_err(|e| format!("the client CA is not usable: {e}"))?;
                }
                let verifier =
                    WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                        .build()
                        .map_err(|e| format!("the client CA is not usable: {e}"))?;
                builder.with_client_cert_verifier(verifier)
            }
        };
        let mut config = builder
            .with_single_cert(certs, key)
            .map_err(|e| format!("the sandbox certificate and key do not fit: {e}"))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsAcceptor::from(Arc::new(config)))
    }
}
