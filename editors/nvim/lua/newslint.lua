-- newslint for Neovim: require('newslint').setup(opts) starts `newslint lsp` for text and
-- markdown buffers under a folder holding a newslint.toml.
--   0.11+     the same as vim.lsp.config('newslint', opts) + vim.lsp.enable('newslint')
--   0.7-0.10  a FileType autocmd that finds the root and starts or reuses a client
--             (setup_autocmd(opts) does that on any version)
-- opts are the fields of lsp/newslint.lua to override (cmd, filetypes, root_markers,
-- workspace_required, settings, init_options, on_attach, capabilities, ...).
local M = {}

local function defaults()
  local file = vim.api.nvim_get_runtime_file('lsp/newslint.lua', false)[1]
  assert(file, "newslint: lsp/newslint.lua is not on 'runtimepath'")
  return dofile(file)
end

-- The nearest folder at or above the buffer's file holding one of the markers.
local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then return nil end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then return nil end
    dir = parent
  end
end

-- Neovim 0.7 has no vim.lsp.start: one client per root, attached buffer by buffer.
local clients_by_root = {}
local function start_07(config, bufnr)
  local key = config.root_dir or ''
  local id = clients_by_root[key]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[key] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
end

local function attach(bufnr, config)
  if vim.bo[bufnr].buftype ~= '' then return end
  local root = find_root(bufnr, config.root_markers or {})
  if not root and config.workspace_required then return end
  local c = vim.tbl_extend('force', config, { name = 'newslint', root_dir = root })
  c.filetypes, c.root_markers, c.workspace_required = nil, nil, nil
  if vim.lsp.start then
    vim.lsp.start(c, { bufnr = bufnr })
  else
    start_07(c, bufnr)
  end
end

function M.setup(opts)
  opts = opts or {}
  if vim.fn.has('nvim-0.11') == 1 then
    vim.lsp.config('newslint', opts)
    vim.lsp.enable('newslint')
    return
  end
  M.setup_autocmd(opts)
end

-- The 0.7-0.10 way, also usable on 0.11 by whoever prefers it to vim.lsp.enable.
function M.setup_autocmd(opts)
  opts = opts or {}
  local config = vim.tbl_deep_extend('force', defaults(), opts)
  local group = vim.api.nvim_create_augroup('newslint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(ev) attach(ev.buf, config) end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, config)
    end
  end
end

return M
