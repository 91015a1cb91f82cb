//! The problem answers of every operation, declared from what the shared
//! extractors give rather than by hand on each handler, where they drifted:
//! a JSON body can be malformed (400), too large (413), not JSON (415) or break
//! a rule (422); a path that does not parse is a 404; a query that does not
//! parse is a 422; a bearer-protected operation answers 401. Statuses only a
//! handler can give (403, 409, 429 …) stay declared on the handler. Every
//! error response is `application/problem+json` with the shared `Problem`,
//! written in the language `Accept-Language` asks for (zh-CN or en; zh-CN
//! otherwise), which its `Content-Language` says.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, Response};

/// The media type of every error answer (RFC 9457).
const PROBLEM_JSON: &str = "application/problem+json";

/// What each problem status means in kefu, as the `ApiError` variants say.
fn meaning(status: &str) -> &'static str {
    match status {
        "400" => "The body is not valid JSON",
        "401" => "No valid bearer token or API key (login: wrong email or password)",
        "403" => "The caller's role may not do this",
        "404" => "No such thing for this tenant (or this vendor)",
        "409" => "The request conflicts with what is stored",
        "413" => "The body is larger than the operation accepts",
        "415" => "The body is not sent in the type the operation takes",
        "422" => "The input breaks a rule; `errors` names each field and rule",
        "429" => "Too many failed logins; try again after `Retry-After` seconds",
        "503" => "A part the service needs does not answer",
        _ => "Something failed on the server's side",
    }
}

/// The shared parameter every operation reads, and the shared header of every problem.
const ACCEPT_LANGUAGE: &str = "AcceptLanguage";
const CONTENT_LANGUAGE: &str = "ContentLanguage";

/// Declares the problem answers of every operation of `openapi`.
pub fn declare(openapi: &mut OpenApi) {
    for item in openapi.paths.paths.values_mut() {
        for operation in operations(item) {
            declare_operation(operation);
        }
    }
    let components = openapi.components.get_or_insert_with(Default::default);
    let language = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .examples([serde_json::json!("zh-CN")])
    };
    components.parameters.insert(
        ACCEPT_LANGUAGE.to_owned(),
        ParameterBuilder::new()
            .name("Accept-Language")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(
                "The language of the problem an error answers with: zh-CN or en, weights \
                 honoured; zh-CN when it names neither.",
            ))
            .schema(Some(language()))
            .build()
            .into(),
    );
    components.headers.insert(
        CONTENT_LANGUAGE.to_owned(),
        HeaderBuilder::new()
            .schema(Some(language()))
            .description(Some("The language the problem is written in: zh-CN or en."))
            .build()
            .into(),
    );
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

fn declare_operation(operation: &mut Operation) {
    let mut statuses = Vec::new();
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        statuses.push("401");
    }
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let is_in = |place: ParameterIn| {
        parameters.iter().any(|p| match p {
            RefOr::T(p) => p.parameter_in == place,
            RefOr::Ref(_) => false,
        })
    };
    if is_in(ParameterIn::Path) {
        statuses.push("404");
    }
    if is_in(ParameterIn::Query) {
        statuses.push("422");
    }
    if operation.request_body.is_some() {
        statuses.extend(["400", "413", "415", "422"]);
    }
    operation
        .parameters
        .get_or_insert_with(Vec::new)
        .push(RefOr::Ref(Ref::new(format!(
            "#/components/parameters/{ACCEPT_LANGUAGE}"
        ))));
    let responses = &mut operation.responses.responses;
    for status in statuses {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(Response::new(meaning(status))));
    }
    for (status, response) in responses.iter_mut() {
        if let RefOr::T(response) = response
            && !status.starts_with(['1', '2', '3'])
        {
            if response.description.is_empty() {
                response.description = meaning(status).to_owned();
            }
            response.headers.insert(
                "Content-Language".to_owned(),
                RefOr::Ref(Ref::new(format!("#/components/headers/{CONTENT_LANGUAGE}"))),
            );
            response.content.clear();
            response.content.insert(
                PROBLEM_JSON.to_owned(),
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build()
                    .into(),
            );
        }
    }
}
