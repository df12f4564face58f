-- End-to-end check of the shipped Neovim config (editors/nvim) against the real server.
--   nvim --headless --clean -n -i NONE -u tests/e2e/nvim/check.lua
-- Env: E2E_REPO (repository root), E2E_FILE (article to open, under tests/e2e/corpus),
--      E2E_TIMEOUT_MS (per step, default 20000), E2E_SETUP=autocmd (take the 0.8-0.10 path
--      on 0.11+). `newslint` must be on PATH.
-- The user's path is taken: 0.11+ runs the two documented lines (runtimepath + vim.lsp.enable),
-- older versions the documented require('newslint').setup().
-- Prints one JSON object on stdout: { nvim, file, checks = [{name, ok, detail}], ... };
-- exits 0 when every check passed.
local repo = assert(os.getenv('E2E_REPO'), 'E2E_REPO is required')
local file = assert(os.getenv('E2E_FILE'), 'E2E_FILE is required')
local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '20000')
local v = vim.version()
local out = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), file = vim.fn.fnamemodify(file, ':t'), checks = {} }

local H = dofile(repo .. '/tests/e2e/nvim/harness.lua')
local get_clients = H.get_clients
local check, finish = H.start(out)

-- What a scenario expects, by the article opened.
--   codes:    diagnostic codes that must all arrive
--   spans:    { code, line substring, exact text the range must cover } on that line
--   word:     { line substring, word } to put the cursor on for hover and references
--   hover:    substrings the hover card must contain
--   ref_files: articles (besides this one) the references must reach
local scenarios = {
  ['03-visit.txt'] = {
    filetype = 'text',
    codes = { 'name-variant', 'missing-source', 'unattributed-quote' },
    spans = {
      { 'name-variant', '🚢', 'Dmitriyev' },
      { 'name-variant', 'walked the length', 'Dmitriyev' },
      { 'unattributed-quote', 'Nobody in this town', nil, '^"Nobody in this town.*summer%."$' },
    },
    word = { '🚢', 'Dmitriyev' },
    hover = { 'Dmitriev', 'Dmitriyev' },
    ref_files = { '01-terminal.txt', '02-fund.md', '03-visit.txt' },
  },
  -- A Markdown file outside any corpus (no newslint.toml above it): no server for it.
  ['README.md'] = { filetype = 'markdown', no_client = true },
  ['02-fund.md'] = {
    filetype = 'markdown',
    codes = {},
    absent = { 'missing-source', 'name-variant' },
    word = { 'bought a stake', 'Dmitriev' },
    hover = { 'Dmitriev', 'Dmitriyev' },
    ref_files = { '01-terminal.txt', '03-visit.txt' },
  },
}
local sc = scenarios[out.file]
if not check('scenario', sc ~= nil, out.file) then finish() end

-- The documented user setup.
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
if os.getenv('E2E_SETUP') == 'autocmd' then -- the 0.8-0.10 path, run on a newer Neovim
  out.setup = "require('newslint').setup_autocmd()"
  require('newslint').setup_autocmd()
elseif vim.fn.has('nvim-0.11') == 1 then
  out.setup = 'vim.lsp.enable'
  vim.lsp.enable('newslint')
else
  out.setup = "require('newslint').setup()"
  require('newslint').setup()
end
vim.cmd('filetype on') -- -u <file> runs before filetype detection is switched on

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
out.t_ms = {}

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
check('filetype', vim.bo[buf].filetype == sc.filetype, vim.bo[buf].filetype)

local function buf_clients()
  local list = {}
  for _, c in pairs(get_clients()) do
    if c.name == 'newslint' and vim.lsp.buf_is_attached(buf, c.id) then list[#list + 1] = c end
  end
  return list
end
if sc.no_client then
  local started = vim.wait(2000, function() return #buf_clients() > 0 end, 50)
  check('no_server_outside_a_corpus', not started, #buf_clients())
  finish()
end
local attached = vim.wait(timeout, function()
  local cs = buf_clients()
  return #cs > 0 and cs[1].initialized == true
end, 20)
out.t_ms.attached = ms()
if not check('attached', attached, #buf_clients()) then finish() end
local client = buf_clients()[1]
local enc = client.offset_encoding or 'utf-16'
out.offset_encoding = enc
local corpus = vim.fn.fnamemodify(file, ':p:h')
check('root_dir', client.config.root_dir == corpus, { got = client.config.root_dir, want = corpus })

-- An LSP character index on `line`, counted in `encoding`, as a 0-based byte index.
local function byte_col(line, character, encoding)
  if encoding == 'utf-8' then return math.min(character, #line) end
  local units, i = 0, 1
  while i <= #line and units < character do
    local b = line:byte(i)
    local len = b < 0x80 and 1 or b < 0xE0 and 2 or b < 0xF0 and 3 or 4
    units = units + ((encoding == 'utf-16' and len == 4) and 2 or 1)
    i = i + len
  end
  return i - 1
end

local function lines_of(path)
  if vim.fn.fnamemodify(path, ':p') == vim.api.nvim_buf_get_name(buf) then
    return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  end
  return vim.fn.readfile(path)
end

-- The text an LSP range covers (single-line ranges; others are reported whole).
local function range_text(lines, range)
  local s, e = range.start, range['end']
  local l = lines[s.line + 1] or ''
  if s.line ~= e.line then return l:sub(byte_col(l, s.character, enc) + 1) .. '...' end
  return l:sub(byte_col(l, s.character, enc) + 1, byte_col(l, e.character, enc))
end

local function line_index(needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(needle, 1, true) then return i - 1 end
  end
end

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp
  return (lsp and lsp.code) or d.code
end

-- Diagnostics: wait until every expected code has arrived (the cross-article variant
-- needs the whole corpus indexed, so it may come after the first publish).
local function codes_present()
  local have = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do have[tostring(code_of(d))] = true end
  for _, c in ipairs(sc.codes) do if not have[c] then return false end end
  return true
end
local all_codes = vim.wait(timeout, codes_present, 50)
if #sc.codes == 0 then vim.wait(1500, function() return false end, 50) end -- let publishes settle
out.t_ms.diagnostics = ms()
local diags = vim.diagnostic.get(buf)
out.diagnostics = {}
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for _, d in ipairs(diags) do
  local text = (lines[d.lnum + 1] or ''):sub(d.col + 1, d.end_lnum == d.lnum and d.end_col or -1)
  out.diagnostics[#out.diagnostics + 1] = { code = code_of(d), lnum = d.lnum, col = d.col,
    end_col = d.end_col, text = text, message = d.message }
end
if #sc.codes > 0 then check('diagnostics_arrive', all_codes, { want = sc.codes, got = #diags }) end
for _, code in ipairs(sc.absent or {}) do
  local found = false
  for _, d in ipairs(diags) do found = found or code_of(d) == code end
  check('no_' .. code, not found, code)
end

-- Ranges: Neovim converts the server's columns with the negotiated encoding; the covered
-- text must be exactly the word, also after curly quotes and an emoji on the same line.
for _, s in ipairs(sc.spans or {}) do
  local code, needle, exact, pattern = s[1], s[2], s[3], s[4]
  local lnum, got = line_index(needle), nil
  for _, d in ipairs(out.diagnostics) do
    if d.code == code and d.lnum == lnum then got = d.text end
  end
  local ok = got ~= nil and ((exact and got == exact) or (pattern and got:match(pattern) ~= nil))
  check('range:' .. code .. '@' .. needle, ok, { want = exact or pattern, got = got or 'no diagnostic on that line' })
end

-- Hover and references at the word, with the position Neovim itself computes.
local lnum = line_index(sc.word[1])
local col = (lines[lnum + 1] or ''):find(sc.word[2], 1, true)
if not check('cursor_word', lnum and col, sc.word) then finish() end
vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 1 }) -- inside the word
local params = vim.lsp.util.make_position_params(0, enc)
out.position = params.position

local hover
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
for _, r in pairs(res or {}) do
  if r.result and r.result.contents then
    hover = table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.result.contents), '\n')
  end
  if r.err then out.hover_error = r.err end
end
out.t_ms.hover = ms()
out.hover = hover
local missing = {}
for _, want in ipairs(sc.hover) do
  if not (hover and hover:find(want, 1, true)) then missing[#missing + 1] = want end
end
check('hover_names_both_spellings', hover ~= nil and #missing == 0, { missing = missing })

local rparams = vim.deepcopy(params)
rparams.context = { includeDeclaration = true }
res = vim.lsp.buf_request_sync(buf, 'textDocument/references', rparams, timeout)
local refs = {}
for _, r in pairs(res or {}) do
  for _, loc in ipairs(r.result or {}) do refs[#refs + 1] = loc end
  if r.err then out.references_error = r.err end
end
out.t_ms.references = ms()
local files, bad = {}, {}
out.references = {}
for _, loc in ipairs(refs) do
  local path = vim.uri_to_fname(loc.uri)
  local name = vim.fn.fnamemodify(path, ':t')
  files[name] = true
  local text = range_text(lines_of(path), loc.range)
  out.references[#out.references + 1] = { file = name, line = loc.range.start.line, text = text }
  if not text:find('Dmitri', 1, true) then bad[#bad + 1] = name .. ':' .. loc.range.start.line .. ' "' .. text .. '"' end
end
local unreached = {}
for _, f in ipairs(sc.ref_files) do if not files[f] then unreached[#unreached + 1] = f end end
check('references_reach_other_articles', #refs > 0 and #unreached == 0, { count = #refs, unreached = unreached })
check('reference_ranges_cover_the_name', #refs > 0 and #bad == 0, { bad = bad })

finish()
