//! `TLS_CERT_FILE` and `TLS_KEY_FILE`: the certificate chain and private key, PEM, read and
//! checked at start-up so that a wrong file stops the server with the file named.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::ConfigError;

/// A checked certificate and key, ready to serve HTTPS.
#[derive(Clone)]
pub struct TlsConfig {
    /// The file the certificate chain came from (for messages).
    pub cert_file: PathBuf,
    /// The rustls server settings (ring; TLS 1.2 and 1.3; HTTP/2 and HTTP/1.1 by ALPN).
    pub server: Arc<rustls::ServerConfig>,
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConfig")
            .field("cert_file", &self.cert_file.display().to_string())
            .finish_non_exhaustive()
    }
}

impl TlsConfig {
    /// Read the PEM certificate chain (leaf first) and private key, and check that they fit
    /// together.
    pub fn load(cert_file: &Path, key_file: &Path) -> Result<Self, ConfigError> {
        let certs = CertificateDer::pem_file_iter(cert_file)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|err| {
                ConfigError::Invalid(
                    "TLS_CERT_FILE",
                    format!(
                        "{}: {}",
                        cert_file.display(),
                        pem_problem(&err, "certificate")
                    ),
                )
            })?;
        if certs.is_empty() {
            return Err(ConfigError::Invalid(
                "TLS_CERT_FILE",
                format!("{}: holds no PEM certificate", cert_file.display()),
            ));
        }
        // The message never shows the key's content.
        let key = PrivateKeyDer::from_pem_file(key_file).map_err(|err| {
            ConfigError::Invalid(
                "TLS_KEY_FILE",
                format!(
                    "{}: {}",
                    key_file.display(),
                    pem_problem(&err, "private key")
                ),
            )
        })?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|err| ConfigError::Invalid("TLS_CERT_FILE", err.to_string()))?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(|err| {
                ConfigError::Invalid(
                    "TLS_KEY_FILE",
                    format!(
                        "{} does not fit the certificate in {}: {err}",
                        key_file.display(),
                        cert_file.display()
                    ),
                )
            })?;
        server.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self {
            cert_file: cert_file.to_path_buf(),
            server: Arc::new(server),
        })
    }
}

/// What is wrong with a PEM file, in words.
fn pem_problem(err: &rustls::pki_types::pem::Error, what: &str) -> String {
    use rustls::pki_types::pem::Error;
    match err {
        Error::Io(io) => format!("cannot be read: {io}"),
        Error::NoItemsFound => format!("holds no PEM {what}"),
        _ => format!("is not a PEM {what} file"),
    }
}
