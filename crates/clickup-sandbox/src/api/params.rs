//! Query strings as ClickUp reads them: repeated `name[]=a&name[]=b` for arrays (docs/tools.md, "Where ClickUp differs from its OpenAPI file"), the
//! last value for scalars.

/// A decoded query string.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Decodes a raw query string (`None` → empty).
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        Self(
            raw.map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        )
    }

    /// The last value of a scalar parameter.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a flag parameter is `true`.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name) == Some("true")
    }

    /// The values of an array parameter, sent as `name[]=…` (the bare `name=…` form is not read,
    /// as ClickUp does not read it either).
    pub(crate) fn list(&self, name: &str) -> Vec<&str> {
        let key = format!("{name}[]");
        self.0
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// An integer parameter; `None` when absent or not a number.
    pub(crate) fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_need_brackets_and_scalars_take_the_last_value() {
        let params = Params::parse(Some(
            "statuses%5B%5D=to%20do&statuses[]=review&statuses=closed&page=1&page=2",
        ));
        assert_eq!(params.list("statuses"), vec!["to do", "review"]);
        assert_eq!(params.int("page"), Some(2));
        assert!(!params.flag("reverse"));
    }
}
