-- End-to-end check of the reader's features in Neovim 0.11+ with the shipped config:
--   nvim --headless --clean -n -i NONE -u tests/e2e/nvim/reading.lua
-- Env: E2E_REPO, E2E_CASE, E2E_CORPUS (the corpus folder), E2E_TIMEOUT_MS.
--   E2E_CASE=reading  on tests/e2e/corpus: the hover card (fits, this article's quotes
--                     first), documentHighlight, inlay hints, document links, completion
--   E2E_CASE=drift    on tests/e2e/corpus: one word of a quotation changed in an open
--                     article publishes quote-drift for it and for the other article;
--                     the hover on the quotation shows the versions
--   E2E_CASE=card     on a copy of the shared Dmitriev story: the card fits in 15 lines
--                     and lists this article's quotations first
-- Prints one JSON object { checks = [{name, ok, detail}] }; exits 0 when all passed.
local repo = assert(os.getenv('E2E_REPO'), 'E2E_REPO is required')
local case = assert(os.getenv('E2E_CASE'), 'E2E_CASE is required')
local corpus = assert(os.getenv('E2E_CORPUS'), 'E2E_CORPUS is required')
local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '20000')
local out = { case = case, checks = {} }

local check, finish = dofile(repo .. '/tests/e2e/nvim/harness.lua').start(out)

-- A wide screen, as an editor window would be; the card's height is measured in it.
vim.o.columns = 160
vim.o.lines = 50
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.lsp.enable('newslint')
vim.cmd('filetype on')

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(corpus .. '/' .. name))
  local buf = vim.api.nvim_get_current_buf()
  local attached = vim.wait(timeout, function()
    for _, c in pairs(vim.lsp.get_clients({ bufnr = buf, name = 'newslint' })) do
      if c.initialized then return true end
    end
    return false
  end, 20)
  return buf, attached
end

local function client_of(buf) return vim.lsp.get_clients({ bufnr = buf, name = 'newslint' })[1] end

-- Put the cursor inside the first occurrence of `word` on the first line holding `needle`.
local function cursor_at(buf, needle, word)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(needle, 1, true) then
      local col = l:find(word, 1, true)
      if col then
        vim.api.nvim_win_set_cursor(0, { i, col })
        return true
      end
    end
  end
  return false
end

local function request(buf, method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, timeout)
  for _, r in pairs(res or {}) do
    if r.err then return nil, r.err end
    return r.result
  end
end

local function position_params(buf)
  return vim.lsp.util.make_position_params(0, client_of(buf).offset_encoding)
end

-- The hover card as Neovim shows it: vim.lsp.buf.hover() opens a float; its text and height.
local function shown_hover()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then pcall(vim.api.nvim_win_close, w, true) end
  end
  vim.lsp.buf.hover()
  local float
  vim.wait(timeout, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then float = w return true end
    end
    return false
  end, 20)
  if not float then return nil end
  local fbuf = vim.api.nvim_win_get_buf(float)
  local lines = vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)
  local height = vim.api.nvim_win_get_height(float)
  vim.api.nvim_win_close(float, true)
  return table.concat(lines, '\n'), height, #lines
end

-- The file names the quotation lines of a card come from, in order.
local function quote_files(text)
  local files, quoting = {}, false
  for l in (text .. '\n'):gmatch('(.-)\n') do
    if l:find('Quoted', 1, true) then quoting = true
    elseif quoting and l:match('^%s*[-•*]') then files[#files + 1] = l:match('([%w%-]+%.txt):%d+') or l:match('([%w%-]+%.md):%d+') or '?'
    end
  end
  return files
end

local function card_checks(name, word_line, word, min_quotes)
  local buf, attached = open(name)
  if not check(name .. ': attached', attached) then finish() end
  vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  vim.wait(1500, function() return false end, 50)
  check(name .. ': cursor on ' .. word, cursor_at(buf, word_line, word))
  local text, height, nlines = shown_hover()
  out.hover = text
  if not check(name .. ': hover float opens', text ~= nil) then finish() end
  check(name .. ': the card fits in 15 lines', height <= 15 and nlines <= 15, { height = height, lines = nlines })
  local files = quote_files(text)
  local seen_other, ok = false, #files >= min_quotes
  for _, f in ipairs(files) do
    if f ~= name then seen_other = true elseif seen_other then ok = false end
  end
  check(name .. ': this article\'s quotations first', ok and (files[1] == name), files)
  return buf
end

if case == 'card' then
  card_checks('05.txt', 'Dmitriyev', 'Dmitriyev', 2)
  finish()
end

if case == 'reading' then
  local buf = card_checks('03-visit.txt', 'walked the length', 'Dmitriyev', 1)
  -- documentHighlight: every mention in this article, either spelling.
  cursor_at(buf, 'walked the length', 'Dmitriyev')
  local hl = request(buf, 'textDocument/documentHighlight', position_params(buf)) or {}
  check('documentHighlight marks both mentions', #hl == 2, hl)
  -- Inlay hints, as Neovim draws them.
  vim.lsp.inlay_hint.enable(true, { bufnr = buf })
  local labels = {}
  vim.wait(timeout, function()
    labels = {}
    for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
      local l = h.inlay_hint.label
      labels[#labels + 1] = type(l) == 'string' and l or (l[1] and l[1].value) or ''
    end
    return #labels >= 3
  end, 50)
  local speaker, spelling = 0, 0
  for _, l in ipairs(labels) do
    if l == ' — Dmitriev' then speaker = speaker + 1 end
    if l == ' → Dmitriev' then spelling = spelling + 1 end
  end
  check('inlay hints: the speaker after the quotation and the spelling after each variant', speaker == 1 and spelling == 2, labels)
  -- Completion in a new, unsaved article: "Dm" offers the corpus spelling.
  local draft = open('04-draft.txt')
  vim.api.nvim_buf_set_lines(draft, 0, -1, false, { 'Fund chief returns', '', 'Later that day Dm' })
  -- At the end of the line, where insert mode would type next (normal mode stops a column short).
  local at_end = function(line) return { textDocument = vim.lsp.util.make_text_document_params(draft), position = { line = 2, character = #line } } end
  vim.wait(800, function() return false end, 50)
  local items = request(draft, 'textDocument/completion', at_end('Later that day Dm')) or {}
  items = items.items or items
  local labels2 = {}
  for _, it in ipairs(items) do labels2[#labels2 + 1] = it.label .. ' (' .. (it.detail or '') .. ')' end
  check('completion after "Dm" offers Dmitriev with its counts', #items >= 1 and items[1].label == 'Dmitriev' and (items[1].detail or ''):find('mentions', 1, true) ~= nil, labels2)
  vim.api.nvim_buf_set_lines(draft, 2, 3, false, { 'Later that day dm' })
  vim.wait(800, function() return false end, 50)
  local none = request(draft, 'textDocument/completion', at_end('Later that day dm')) or {}
  none = none.items or none
  check('no completion in a lowercase word', #none == 0, none)
  -- Document links: a URL source line in another unsaved article.
  local linked = open('05-linked.txt')
  vim.api.nvim_buf_set_lines(linked, 0, -1, false, { 'Terminal plans published', 'https://harbour.example/terminal-plans', '', 'The plans were published on Friday.' })
  vim.wait(800, function() return false end, 50)
  local links = request(linked, 'textDocument/documentLink', { textDocument = vim.lsp.util.make_text_document_params(linked) }) or {}
  check('documentLink on the source URL', #links == 1 and links[1].target == 'https://harbour.example/terminal-plans', links)
  finish()
end

if case == 'drift' then
  local function codes(buf)
    local have = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local c = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code
      have[#have + 1] = tostring(c)
    end
    return have
  end
  local function has(buf, code)
    for _, c in ipairs(codes(buf)) do if c == code then return true end end
    return false
  end
  local one, attached = open('01-terminal.txt')
  if not check('01-terminal.txt: attached', attached) then finish() end
  local quote = '"We have waited four years for a berth that can take the large ships," Dmitriev told the council.'
  local wire = open('04-wire.txt')
  -- No source line: its missing-source shows that the server has read the copy.
  vim.api.nvim_buf_set_lines(wire, 0, -1, false, { 'Fund pays for half the terminal', '', quote })
  check('the copy is analysed', vim.wait(timeout, function() return has(wire, 'missing-source') end, 50), codes(wire))
  vim.wait(1000, function() return false end, 50)
  check('an exact copy is no drift', not has(wire, 'quote-drift') and not has(one, 'quote-drift'), { wire = codes(wire), one = codes(one) })
  -- One word changed in the open article.
  vim.api.nvim_buf_set_lines(wire, 2, 3, false, { (quote:gsub('four years', 'five years')) })
  local drift = vim.wait(timeout, function() return has(wire, 'quote-drift') end, 50)
  check('the changed quotation gets quote-drift', drift, codes(wire))
  local other = vim.wait(timeout, function() return has(one, 'quote-drift') end, 50)
  check('the other article is republished with quote-drift', other, codes(one))
  cursor_at(wire, 'five years', 'waited')
  local text = shown_hover()
  out.hover = text
  check('the hover on the quotation shows the versions', text ~= nil and text:find('elsewhere in the corpus', 1, true) ~= nil
    and text:find('01-terminal.txt', 1, true) ~= nil and text:find('four', 1, true) ~= nil, text)
  finish()
end

check('known case', false, case)
finish()
