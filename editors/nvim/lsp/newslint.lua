-- newslint for Neovim 0.11+. With this folder on 'runtimepath', `vim.lsp.enable('newslint')`
-- finds this file and starts `newslint lsp` for text (.txt) and markdown (.md) buffers under a
-- folder that holds a newslint.toml. Override any field with vim.lsp.config('newslint', {...}),
-- e.g. { cmd = { '/path/to/newslint', 'lsp' } } or { workspace_required = false } to lint every
-- .txt and .md file, newslint.toml or not.
return {
  cmd = { 'newslint', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'newslint.toml' },
  -- A README opened outside a corpus is not an article: start only under a newslint.toml.
  workspace_required = true,
}
