//! Hostile frames, end to end over in-process pipes: each bad frame is
//! answered with a JSON-RPC error (id null) and the server goes on; a lone
//! surrogate escape in a document's text becomes U+FFFD.

mod common;

use common::*;
use serde_json::{json, Value};

fn frame(body: &[u8]) -> Vec<u8> {
    [format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(), body].concat()
}

async fn symbols(client: &mut TestClient, uri: &str) -> Value {
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await.expect("an answer")
}

#[tokio::test]
async fn every_malformed_frame_is_answered_and_the_server_goes_on() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = file_uri(&std::env::temp_dir().join("newslint-frames-not-on-disk/a.txt"));
    client.open(&uri, common::fixtures::ONE).await;
    let good = br#"{"jsonrpc":"2.0","method":"$/noSuchNotification","params":{}}"#;
    let bad: Vec<(&str, Vec<u8>, i64)> = vec![
        ("invalid JSON", frame(b"{\"jsonrpc\": \"2.0\", \"method\": "), -32700),
        ("a body that is not UTF-8", frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xc3\x28\"}"), -32700),
        ("a batch", frame(b"[]"), -32600),
        ("not JSON-RPC", frame(br#"{"hello":"world"}"#), -32600),
        ("a Content-Length too long", [format!("Content-Length: {}\r\n\r\n", good.len() + 100).as_bytes(), good].concat(), -32700),
        ("a Content-Length too short", [b"Content-Length: 10\r\n\r\n".as_slice(), good].concat(), -32700),
        ("no Content-Length", [b"Content-Type: application/json\r\n\r\n".as_slice(), good].concat(), -32700),
        ("no header at all", good.to_vec(), -32700),
    ];
    for (what, bytes, code) in &bad {
        let before = client.unmatched().len();
        client.send_raw(bytes).await;
        // The next well-formed frame resynchronises the stream and is served.
        let answer = symbols(&mut client, &uri).await;
        assert!(answer.as_array().is_some_and(|a| !a.is_empty()), "{what}: {answer}");
        let errors = client.unmatched();
        assert_eq!(errors.len(), before + 1, "{what}: one error each: {errors:#?}");
        let error = errors.last().unwrap();
        assert_eq!(error["id"], Value::Null, "{what}");
        assert_eq!(error["error"]["code"], *code, "{what}: {error}");
    }
}

#[tokio::test]
async fn a_lone_surrogate_escape_in_a_text_becomes_a_replacement_character() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = file_uri(&std::env::temp_dir().join("newslint-frames-not-on-disk/surrogate.txt"));
    // What a JavaScript client sends when a string was cut inside an emoji.
    let text = r#"Harbour reopens \ud83d after the storm\nThe harbour reopened on Monday, Kirill Dmitriev\udc00 said.\n"#;
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":"{text}"}}}}}}"#
    );
    client.send_raw(&frame(body.as_bytes())).await;
    client.wait_diagnostics(&uri, |_| true).await;
    // The headline's range counts the replacement character as one UTF-16
    // unit: the text the server holds is the text with U+FFFD.
    let answer = symbols(&mut client, &uri).await;
    let expected = "Harbour reopens \u{FFFD} after the storm";
    let headline = answer.as_array().unwrap().iter().find(|s| s["range"]["start"]["line"] == 0).expect("a headline symbol");
    assert_eq!(headline["range"]["end"], json!({ "line": 0, "character": expected.encode_utf16().count() }), "{answer:#}");
    assert!(client.unmatched().is_empty(), "{:#?}", client.unmatched());
}
