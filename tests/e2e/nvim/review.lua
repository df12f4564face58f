-- End-to-end check of the desk's workflow in Neovim 0.11+ against the real server:
--   nvim --headless --clean -n -i NONE -u tests/e2e/nvim/review.lua
-- Env: E2E_REPO (repository root), E2E_FILE (03-visit.txt in a copy of tests/e2e/corpus
--      that this script may change), E2E_TIMEOUT_MS (per step, default 20000).
-- The unattributed quotation is accepted through its code action (vim.lsp.buf.code_action,
-- as Ctrl+. menus do), the user writes the reason in newslint-review.toml and saves it; the
-- warning goes, `newslint check` agrees; editing the quotation brings it back and the stale
-- entry is reported as unused.
-- Prints one JSON object on stdout: { nvim, file, checks = [{name, ok, detail}] }.
local repo = assert(os.getenv('E2E_REPO'), 'E2E_REPO is required')
local file = assert(os.getenv('E2E_FILE'), 'E2E_FILE is required')
local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '20000')
local v = vim.version()
local out = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), file = vim.fn.fnamemodify(file, ':t'), checks = {} }
local REASON = 'the council notice, read out in full'

local check, finish = dofile(repo .. '/tests/e2e/nvim/harness.lua').start(out)

if vim.fn.has('nvim-0.11') == 0 then
  check('neovim 0.11 or later', false, out.nvim)
  finish()
end
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.lsp.enable('newslint')
vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local corpus = vim.fn.fnamemodify(file, ':p:h')
local review = corpus .. '/newslint-review.toml'

local attached = vim.wait(timeout, function()
  local cs = vim.lsp.get_clients({ bufnr = buf, name = 'newslint' })
  return #cs > 0 and cs[1].initialized == true
end, 20)
if not check('attached', attached) then finish() end

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp
  return (lsp and lsp.code) or d.code
end
local function find(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then return d end
  end
end
local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do list[#list + 1] = code_of(d) end
  return list
end

vim.wait(timeout, function() return find('unattributed-quote') ~= nil end, 50)
local warning = find('unattributed-quote')
if not check('unattributed-quote arrives', warning ~= nil, codes()) then finish() end

-- Ctrl+. on the quotation: the cursor on it, the accept action chosen from the menu.
vim.api.nvim_win_set_cursor(0, { warning.lnum + 1, warning.col })
local titles = {}
vim.lsp.buf.code_action({
  filter = function(action)
    titles[#titles + 1] = action.title
    return action.title:find('^Accept this unattributed quotation in newslint%-review%.toml') ~= nil
  end,
  apply = true,
})
local review_buf
vim.wait(timeout, function()
  review_buf = vim.fn.bufnr(review)
  return review_buf > 0 and table.concat(vim.api.nvim_buf_get_lines(review_buf, 0, -1, false), '\n'):find('TODO: why', 1, true) ~= nil
end, 50)
if not check('the accept action opens the review entry with a placeholder reason', review_buf and review_buf > 0, titles) then finish() end
local entry = table.concat(vim.api.nvim_buf_get_lines(review_buf, 0, -1, false), '\n')
check('the entry names the file, the rule and the quotation', entry:find('file = "03-visit.txt"', 1, true)
  and entry:find('rule = "unattributed-quote"', 1, true) and entry:find('anchor = "Nobody in this town', 1, true), entry)

-- The user writes the reason and saves.
vim.api.nvim_buf_call(review_buf, function()
  vim.cmd('silent %s/TODO: why/' .. REASON .. '/')
  vim.cmd('silent write')
end)
local saved = table.concat(vim.fn.readfile(review), '\n')
check('the saved entry holds the reason', saved:find('reason = "' .. REASON .. '"', 1, true), saved)
local gone = vim.wait(timeout, function() return find('unattributed-quote') == nil end, 50)
check('the warning disappears', gone, codes())

local cli = vim.fn.system({ 'newslint', 'check', '--show-suppressed', corpus })
check('newslint check agrees', not cli:find('warning[unattributed-quote]', 1, true)
  and cli:find('accepted[unattributed-quote]', 1, true) and cli:find(REASON, 1, true), cli)

-- Editing the quotation's words brings the warning back; the entry is stale.
local lnum = warning.lnum
local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
local s, e = line:find('old warehouses', 1, true)
vim.api.nvim_buf_set_text(buf, lnum, s - 1, lnum, e, { 'new warehouses' })
local back = vim.wait(timeout, function() return find('unattributed-quote') ~= nil and find('unused-suppression') ~= nil end, 50)
check('editing the quotation brings the warning back and reports the entry unused', back, codes())
local unused = find('unused-suppression')
check('the unused entry is a hint', unused and unused.severity == vim.diagnostic.severity.HINT, unused and unused.message)
finish()
