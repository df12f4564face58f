//! Start-up: what is agreed with the client in `initialize` (nothing is read
//! from disk there), then, after `initialized`, the configuration, the
//! watching and the indexing in the background.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tower_lsp_server::ls_types::*;

use super::config_file;
use super::documents::path_of;
use super::encoding;
use super::state::{Root, Session};
use super::watcher;
use super::worker::Job;
use super::Backend;
use crate::config::{Config, FILE_NAME};

pub fn initialize(backend: &Backend, params: InitializeParams) -> InitializeResult {
    let caps = &params.capabilities;
    let options = params.initialization_options.as_ref();
    let option = |key: &str| options.and_then(|o| o.get(key)).and_then(Value::as_str).map(str::to_string);
    let workspace = caps.workspace.as_ref();
    let can_pull = caps.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some())
        && workspace.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support) == Some(true);
    let pull_diagnostics = match option("diagnostics").as_deref() {
        Some("push") => false,
        _ => can_pull,
    };
    // Helix registers for watched files but reports only its own writes.
    let client = params.client_info.as_ref().map(|c| c.name.to_lowercase()).unwrap_or_default();
    let client_watches = workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        == Some(true)
        && client != "helix"
        && option("watcher").as_deref() != Some("server");
    let edits = workspace.and_then(|w| w.workspace_edit.as_ref());
    let create_files = edits.is_some_and(|e| {
        e.document_changes == Some(true)
            && e.resource_operations.as_ref().is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
    });
    let editor_rules = options.and_then(|o| o.get("rules")).map(rules_setting).unwrap_or_default();
    let session = Session {
        editor_rules,
        encoding: encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref())),
        pull_diagnostics,
        client_watches,
        work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress) == Some(true),
        create_files,
        reading: super::reading::Reading::negotiate(caps, &client, options),
    };
    eprintln!("newslint lsp: {} client; {session:?}", if client.is_empty() { "an unnamed" } else { &client });

    let (roots, refused) = roots_of(&params);
    *backend.refused.lock().unwrap_or_else(|e| e.into_inner()) = refused;
    {
        let mut st = backend.shared.write();
        let config = Config::default();
        st.roots = roots.into_iter().map(|r| Root::new(r, &config)).collect();
        st.session = session.clone();
    }

    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding::kind(session.encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions { resolve_provider: Some(false), work_done_progress_options: Default::default() }),
        completion_provider: Some(CompletionOptions { resolve_provider: Some(false), ..Default::default() }),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        rename_provider: Some(OneOf::Right(RenameOptions { prepare_provider: Some(true), work_done_progress_options: Default::default() })),
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("newslint".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                ..Default::default()
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    };
    InitializeResult {
        capabilities,
        server_info: Some(ServerInfo { name: "newslint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        offset_encoding: None,
    }
}

/// The workspace folders to index, and those refused: a home folder or `/`
/// without a `newslint.toml` is not a corpus, and crawling it would read
/// every text file the user owns. No folder at all is single-file mode.
#[allow(deprecated)] // `root_uri` and `root_path`, for clients that send only those.
fn roots_of(params: &InitializeParams) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut candidates: Vec<PathBuf> = match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| path_of(&f.uri)).collect(),
        _ => match (&params.root_uri, &params.root_path) {
            (Some(uri), _) => vec![path_of(uri)],
            (None, Some(path)) => vec![PathBuf::from(path)],
            (None, None) => Vec::new(),
        },
    };
    candidates.retain(|p| p.is_absolute());
    candidates.into_iter().partition(|p| !is_too_wide(p))
}

fn is_too_wide(root: &Path) -> bool {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let wide = root.parent().is_none() || home.as_deref() == Some(root);
    wide && !root.join(FILE_NAME).is_file()
}

pub async fn initialized(backend: &Backend) {
    let shared = &backend.shared;
    // Before the first `.await`, so that no document opened meanwhile is
    // published as if the corpus were whole.
    {
        let mut st = shared.write();
        st.indexing = !st.roots.is_empty();
    }
    let refused = std::mem::take(&mut *backend.refused.lock().unwrap_or_else(|e| e.into_inner()));
    for root in refused {
        let message = format!(
            "newslint: not indexing {}: a home folder or / is not a corpus unless it has a {FILE_NAME}; open the folder of your articles instead",
            root.display()
        );
        shared.client.log_message(MessageType::WARNING, &message).await;
        shared.client.show_message(MessageType::WARNING, &message).await;
    }
    let (roots, client_watches) = {
        let st = shared.read();
        (st.roots.iter().map(|r| r.path.clone()).collect::<Vec<_>>(), st.session.client_watches)
    };
    let config = config_file::initial(shared, &roots).await;
    // The review file goes in before the configuration (which keeps it), so
    // that nothing it accepts is published in between.
    super::review_file::reload(shared).await;
    let open: Vec<PathBuf> = {
        let mut st = shared.write();
        st.set_config(config);
        st.docs.keys().cloned().collect()
    };
    // Documents opened meanwhile were analysed with the defaults.
    for path in open {
        shared.send(Job::Doc(path));
    }
    if roots.is_empty() {
        shared.client.log_message(MessageType::INFO, "newslint: no workspace folder; checking open articles alone").await;
        return;
    }
    // Index first: the registration below waits for the client's answer.
    shared.write().indexing = true;
    shared.send(Job::IndexRoots);
    if !(client_watches && register_watchers(backend).await) {
        *backend.watcher.lock().unwrap_or_else(|e| e.into_inner()) = watcher::spawn(shared.clone(), &roots);
    }
}

/// Ask the client to watch articles and the configuration for us.
async fn register_watchers(backend: &Backend) -> bool {
    let review = crate::suppress::review::FILE_NAME;
    let watchers = ["**/*.{txt,md,markdown}".to_string(), format!("**/{FILE_NAME}"), format!("**/{review}")]
        .into_iter()
        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "newslint-watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    match backend.shared.client.register_capability(vec![registration]).await {
        Ok(()) => true,
        Err(e) => {
            eprintln!("newslint lsp: the client would not watch files ({e}); watching them ourselves");
            false
        }
    }
}

pub fn change_folders(backend: &Backend, event: WorkspaceFoldersChangeEvent) {
    let shared = &backend.shared;
    let removed: Vec<PathBuf> = event.removed.iter().map(|f| path_of(&f.uri)).collect();
    let added: Vec<PathBuf> =
        event.added.iter().map(|f| path_of(&f.uri)).filter(|p| p.is_absolute() && !is_too_wide(p)).collect();
    {
        let mut st = shared.write();
        st.roots.retain(|r| !removed.contains(&r.path));
        let config = st.corpus.config().clone();
        st.roots.extend(added.iter().map(|p| Root::new(p.clone(), &config)));
    }
    for path in removed {
        shared.send(Job::Disk(path));
    }
    if !added.is_empty() {
        shared.send(Job::IndexRoots);
        if let Some(w) = backend.watcher.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            use notify::Watcher;
            for root in &added {
                let _ = w.watch(root, notify::RecursiveMode::Recursive);
            }
        }
    }
}

/// Rule severities from the editor's settings (`{"missing-source": "error"}`);
/// unknown rules and values are left out.
pub fn rules_setting(value: &Value) -> std::collections::BTreeMap<String, crate::config::SeverityConfig> {
    let Some(map) = value.as_object() else { return Default::default() };
    map.iter()
        .filter(|(code, _)| crate::rules::CODES.contains(&code.as_str()))
        .filter_map(|(code, v)| Some((code.clone(), serde_json::from_value(v.clone()).ok()?)))
        .collect()
}
