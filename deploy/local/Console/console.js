// The console: a client of the API like any other. Everything it does is one POST of an envelope
// to {base URL}/dynamodbmanager, shown with its answer, status, time and a curl command.
import { ExactNumber, isObject, parse, same, stringify } from './exact-json.js';

const OPERATIONS = ['list', 'query', 'read', 'create', 'update', 'delete', 'tables', 'echo', 'ping'];
const WITHOUT_TABLE = new Set(['echo', 'ping', 'tables']);
const STORAGE = { baseUrl: 'dynamodbmanager.baseUrl', apiKey: 'dynamodbmanager.apiKey' };

const $ = (id) => document.getElementById(id);

const state = {
  table: '',
  keyNames: new Map(), // table -> { names, source: 'table' | 'you' | 'guess' }
  pageStarts: [], // ExclusiveStartKey of each page shown so far (null for the first)
  nextKey: null,
  items: [],
  loaded: null, // the item as loaded into the editor; null for a new item
};

// ---- settings -------------------------------------------------------------------------------

function defaultBaseUrl() {
  return location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:3000';
}

function baseUrl() {
  return sessionStorage.getItem(STORAGE.baseUrl) || defaultBaseUrl();
}

function apiKey() {
  return sessionStorage.getItem(STORAGE.apiKey) || '';
}

function endpoint() {
  return `${baseUrl().replace(/\/+$/, '')}/dynamodbmanager`;
}

function showConnection() {
  const key = apiKey() ? 'with an API key' : 'without an API key';
  $('connection').textContent = `Talking to ${endpoint()} ${key}. Every request is listed under Requests, with a curl command that does the same.`;
}

function saveSettings(event) {
  event.preventDefault();
  const url = $('base-url').value.trim();
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return showError('Settings not saved', `"${url}" is not a URL: write it as http://127.0.0.1:3000 or https://…/Prod.`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    return showError('Settings not saved', 'The API base URL must start with http:// or https://.');
  }
  sessionStorage.setItem(STORAGE.baseUrl, url);
  const key = $('api-key').value;
  if (key) sessionStorage.setItem(STORAGE.apiKey, key);
  else sessionStorage.removeItem(STORAGE.apiKey);
  showConnection();
  showMessage('Settings saved for this tab.');
  loadTables();
}

function forgetKey() {
  sessionStorage.removeItem(STORAGE.apiKey);
  $('api-key').value = '';
  showConnection();
  showMessage('The API key is forgotten.');
}

// ---- requests -------------------------------------------------------------------------------

/** Quotes text for a POSIX shell: single quotes, each ' written as '\''. */
function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function curlFor(url, body, key) {
  const parts = ['curl -sS -X POST', shellQuote(url), '-H', shellQuote('content-type: application/json')];
  if (key) parts.push('-H', shellQuote(`x-api-key: ${key}`));
  parts.push('--data-binary', shellQuote(body));
  return parts.join(' ');
}

/**
 * Sends one envelope, shows it and its answer, and returns what came back. A request made in the
 * background (a page shown again after a write) is listed too, but leaves the one before it open.
 */
async function send(envelope, { background = false } = {}) {
  const url = endpoint();
  const key = apiKey();
  const body = stringify(envelope);
  const headers = { 'content-type': 'application/json' };
  if (key) headers['x-api-key'] = key;

  const started = performance.now();
  const result = { envelope, url, status: 0, text: '', answer: undefined, failure: null };
  try {
    const response = await fetch(url, { method: 'POST', headers, body, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    result.status = response.status;
    result.statusText = response.statusText;
    result.text = await response.text();
  } catch (failure) {
    result.failure = failure;
  }
  result.ms = performance.now() - started;
  try {
    result.answer = result.text ? parse(result.text) : undefined;
  } catch {
    result.answer = undefined;
  }
  result.ok = result.status >= 200 && result.status < 300;
  showRequest(result, curlFor(url, body, key), background);
  return result;
}

/** What went wrong, as the API said it: its errorType and message, or API Gateway's message. */
function problem(result) {
  if (result.failure) {
    return {
      title: 'No answer from the API',
      text: `The request did not reach ${result.url}, or the browser kept its answer from this page (CORS). `
        + `Check the API base URL in Settings, and that the API allows this page's origin, ${location.origin}. `
        + `(${result.failure.message})`,
    };
  }
  const answer = result.answer;
  if (isObject(answer) && typeof answer.errorType === 'string') {
    return { title: `${answer.errorType} (HTTP ${result.status})`, text: String(answer.errorMessage ?? ''), errorType: answer.errorType };
  }
  if (isObject(answer) && typeof answer.message === 'string') {
    const hint = result.status === 403 && answer.message === 'Forbidden' ? ' The API wants an API key: set it in Settings.' : '';
    return { title: `HTTP ${result.status}`, text: answer.message + hint };
  }
  return { title: `HTTP ${result.status}`, text: result.text || 'The API answered with no body.' };
}

// ---- what the user sees ---------------------------------------------------------------------

function showError(title, text) {
  const box = $('error');
  box.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = title;
  box.append(strong, document.createTextNode(text));
  $('message').textContent = '';
}

function showMessage(text) {
  $('error').replaceChildren();
  $('message').textContent = text;
}

const MAX_HISTORY = 30;
let requestCount = 0;

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function showRequest(result, curl, background) {
  requestCount++;
  const id = `request-${requestCount}`;
  const status = result.failure ? 'no answer' : `${result.status} ${result.statusText || ''}`.trim();
  const ms = `${Math.round(result.ms)} ms`;
  const answer = result.answer !== undefined ? stringify(result.answer, 2) : result.text || '(no body)';
  const copy = element('button', { type: 'button', textContent: 'Copy the curl command' });
  copy.addEventListener('click', () => copyCurl(curl, curlPre));
  const block = (name, text) => {
    const heading = element('h3', { id: `${id}-${name}`, textContent: { envelope: 'Envelope sent', answer: 'Answer', curl: 'The same request with curl' }[name] });
    const pre = element('pre', { tabIndex: 0, textContent: text, className: name });
    pre.setAttribute('aria-labelledby', heading.id);
    return [heading, pre];
  };
  const [curlHeading, curlPre] = block('curl', curl);
  const details = element('details', { className: result.ok ? 'ok' : 'failed' },
    element('summary', { textContent: `${result.envelope.operation ?? '(no operation)'}: ${status}, ${ms}` }),
    element('dl', { className: 'facts' },
      element('dt', { textContent: 'Sent to' }), element('dd', { textContent: `POST ${result.url}` }),
      element('dt', { textContent: 'Status' }), element('dd', { textContent: status, className: 'status' }),
      element('dt', { textContent: 'Time taken' }), element('dd', { textContent: ms })),
    ...block('envelope', stringify(result.envelope, 2)),
    ...block('answer', answer),
    curlHeading, curlPre,
    element('div', { className: 'buttons' }, copy));
  const history = $('history');
  if (!background) {
    for (const open of history.querySelectorAll('details[open]')) open.open = false;
    details.open = true;
  }
  history.prepend(element('li', {}, details));
  while (history.children.length > MAX_HISTORY) history.lastElementChild.remove();
  $('no-requests').hidden = true;
  if (background) return;
  if (result.ok) {
    $('error').replaceChildren();
  } else {
    const { title, text } = problem(result);
    showError(title, text);
  }
}

/** One line for a value in the items table. */
function cellText(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return stringify(value);
}

function keyOf(item) {
  const key = {};
  for (const name of currentKeyNames()) {
    if (!Object.prototype.hasOwnProperty.call(item, name)) return null;
    key[name] = item[name];
  }
  return key;
}

function describeKey(key) {
  return Object.entries(key).map(([name, value]) => `${name}=${cellText(value)}`).join(', ');
}

// ---- tables and keys ------------------------------------------------------------------------

async function loadTables() {
  const result = await send({ operation: 'tables' });
  const select = $('table');
  select.replaceChildren();
  if (!result.ok || !isObject(result.answer) || !Array.isArray(result.answer.TableNames)) {
    $('tables-note').textContent = 'The API did not say which tables it serves (see the answer on the right). Type a table name.';
    $('other-table-form').hidden = false;
    return;
  }
  const answer = result.answer;
  for (const name of answer.TableNames) {
    select.append(new Option(name, name));
  }
  let note;
  if (!answer.AnyTable) note = 'The tables this API may use (its allow-list).';
  else if (answer.Listed) note = 'The tables DynamoDB lists. This API takes any table name: another can be typed below.';
  else if (answer.ListTablesError) note = `This API takes any table name, but may not list them (${answer.ListTablesError.errorType}): type one below.`;
  else note = 'This API takes any table name: type one below.';
  if (answer.Truncated) note += ' The list is cut at 1,000 tables.';
  $('tables-note').textContent = note;
  $('other-table-form').hidden = !answer.AnyTable;

  const names = answer.TableNames;
  const wanted = [state.table, answer.DefaultTableName, 'lambda-apigateway'].find((name) => name && names.includes(name)) ?? names[0];
  if (wanted) {
    select.value = wanted;
    await pickTable(wanted);
  }
}

function currentKeyNames() {
  return state.keyNames.get(state.table)?.names ?? ['id'];
}

function setKeyNames(names, source) {
  const known = state.keyNames.get(state.table);
  if (known?.source === 'you' && source !== 'you') return;
  state.keyNames.set(state.table, { names, source });
  $('key-names').value = names.join(', ');
}

async function pickTable(name) {
  state.table = name;
  $('try-table').value = name;
  if (![...$('table').options].some((option) => option.value === name)) {
    $('table').append(new Option(name, name));
  }
  $('table').value = name;
  if (!state.keyNames.has(name)) setKeyNames(['id'], 'guess');
  else $('key-names').value = currentKeyNames().join(', ');
  closeEditor();
  await learnKeyNames();
  await scan(null, true);
}

// A page cut short by Limit ends with LastEvaluatedKey, which holds exactly the table's key
// attributes: the one way to learn them through this API, which has no DescribeTable. A table
// whose key is not known yet is asked for a page of one item, which is cut short if it has two.
async function learnKeyNames() {
  if (state.keyNames.get(state.table)?.source !== 'guess') return;
  const probe = await send({ operation: 'list', tableName: state.table, payload: { Limit: new ExactNumber('1') } }, { background: true });
  if (probe.ok && isObject(probe.answer?.LastEvaluatedKey)) setKeyNames(Object.keys(probe.answer.LastEvaluatedKey), 'table');
}

// ---- browsing -------------------------------------------------------------------------------

function browseMode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

/** The list or query payload the Items form describes, starting after startKey. */
function browsePayload(startKey) {
  const payload = { Limit: new ExactNumber(String(Math.max(1, Number.parseInt($('page-size').value, 10) || 25))) };
  if (browseMode() === 'query') {
    payload.KeyConditionExpression = $('key-condition').value.trim();
    if ($('descending').checked) payload.ScanIndexForward = false;
  }
  const index = $('index-name').value.trim();
  if (index) payload.IndexName = index;
  if (startKey) payload.ExclusiveStartKey = startKey;
  const filter = $('filter').value.trim();
  if (filter) payload.FilterExpression = filter;
  for (const [id, name] of [['filter-names', 'ExpressionAttributeNames'], ['filter-values', 'ExpressionAttributeValues']]) {
    const text = $(id).value.trim();
    if (text) payload[name] = parse(text);
  }
  return payload;
}

/** Shows one page: the first (startKey null), or the one starting after a page's LastEvaluatedKey. */
async function scan(startKey, fresh, background = false) {
  if (!state.table) return;
  let payload;
  try {
    payload = browsePayload(startKey);
  } catch (error) {
    return showError('The names or values are not valid JSON', error.message);
  }
  const result = await send({ operation: browseMode(), tableName: state.table, payload }, { background });
  if (!result.ok) {
    renderItems([]);
    $('counts').textContent = '';
    return;
  }
  if (fresh) state.pageStarts = [];
  if (state.pageStarts.at(-1) !== startKey) state.pageStarts.push(startKey);
  const answer = result.answer;
  state.items = Array.isArray(answer.Items) ? answer.Items : [];
  state.nextKey = answer.LastEvaluatedKey ?? null;
  if (isObject(state.nextKey)) setKeyNames(Object.keys(state.nextKey), 'table');
  renderItems(state.items);
  const page = state.pageStarts.length;
  $('counts').textContent = `Page ${page}: Count ${answer.Count}, ScannedCount ${answer.ScannedCount}`
    + (state.nextKey ? '. There may be more: Next page.' : '. This is the last page.');
  $('next-page').disabled = !state.nextKey;
  $('previous-page').disabled = page <= 1;
  $('first-page').disabled = page <= 1;
}

function renderItems(items) {
  const keyNames = currentKeyNames();
  const others = [];
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!keyNames.includes(name) && !others.includes(name)) others.push(name);
    }
  }
  const columns = [...keyNames, ...others.slice(0, 8)];
  const headRow = document.createElement('tr');
  for (const text of ['Item', ...columns]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    headRow.append(th);
  }
  $('items').tHead.replaceChildren(headRow);

  const rows = items.map((item, index) => {
    const row = document.createElement('tr');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    const key = keyOf(item);
    open.setAttribute('aria-label', `Open item ${key ? describeKey(key) : index + 1}`);
    open.addEventListener('click', () => openItem(item));
    const first = document.createElement('td');
    first.append(open);
    row.append(first);
    for (const column of columns) {
      const cell = document.createElement('td');
      cell.textContent = cellText(item[column]);
      cell.title = cell.textContent;
      row.append(cell);
    }
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = columns.length + 1;
    cell.textContent = 'No items on this page.';
    row.append(cell);
    rows.push(row);
  }
  $('items').tBodies[0].replaceChildren(...rows);
}

// ---- the editor -----------------------------------------------------------------------------

function openEditor(title) {
  $('editor').hidden = false;
  $('editor-heading').textContent = title;
  $('confirm-delete').hidden = true;
  $('item-json').focus();
}

function closeEditor() {
  $('editor').hidden = true;
  state.loaded = null;
}

function openItem(item) {
  state.loaded = item;
  $('item-json').value = stringify(item, 2);
  $('reload-item').hidden = false;
  $('delete-item').hidden = false;
  const key = keyOf(item);
  openEditor(key ? `Item ${describeKey(key)}` : 'Item');
}

function newItem() {
  state.loaded = null;
  const template = {};
  for (const name of currentKeyNames()) template[name] = '';
  $('item-json').value = stringify(template, 2);
  $('reload-item').hidden = true;
  $('delete-item').hidden = true;
  openEditor(`New item in ${state.table}`);
}

/**
 * A condition expression and the placeholders it uses, which an update expression may share.
 * Values are compared leaf by leaf, with the type and size of each map and list: DynamoDB compares
 * whole maps and lists with "=", but dynalite (the local stack's DynamoDB) cannot, and this way
 * both give the same answer.
 */
class Condition {
  constructor() {
    this.names = {};
    this.values = {};
    this.parts = [];
    this.nameIds = new Map();
    this.valueIds = new Map();
  }

  name(name) {
    if (!this.nameIds.has(name)) {
      const id = `#n${this.nameIds.size}`;
      this.nameIds.set(name, id);
      this.names[id] = name;
    }
    return this.nameIds.get(name);
  }

  value(value) {
    const text = stringify(value);
    if (!this.valueIds.has(text)) {
      const id = `:v${this.valueIds.size}`;
      this.valueIds.set(text, id);
      this.values[id] = value;
    }
    return this.valueIds.get(text);
  }

  /** The attribute at path holds exactly this value. */
  holds(path, value) {
    if (value === null) {
      this.parts.push(`attribute_type(${path}, ${this.value('NULL')})`);
    } else if (Array.isArray(value) || isObject(value)) {
      const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v]) : Object.entries(value).map(([k, v]) => [`${path}.${this.name(k)}`, v]);
      this.parts.push(`attribute_type(${path}, ${this.value(Array.isArray(value) ? 'L' : 'M')})`);
      this.parts.push(`size(${path}) = ${this.value(new ExactNumber(String(entries.length)))}`);
      for (const [inner, v] of entries) this.holds(inner, v);
    } else {
      this.parts.push(`${path} = ${this.value(value)}`);
    }
  }

  absent(path) {
    this.parts.push(`attribute_not_exists(${path})`);
  }

  get expression() {
    return this.parts.join(' AND ');
  }
}

function editedItem() {
  let item;
  try {
    item = parse($('item-json').value);
  } catch (error) {
    showError('The item is not valid JSON', error.message);
    return null;
  }
  if (!isObject(item)) {
    showError('The item must be a JSON object', 'Write it as {"id": "…", "attribute": value}.');
    return null;
  }
  if (!keyOf(item)) {
    showError('The item has no key', `It needs the table's key attribute(s): ${currentKeyNames().join(', ')}.`);
    return null;
  }
  return item;
}

async function saveItem() {
  const item = editedItem();
  if (!item) return;
  const key = keyOf(item);
  if (!state.loaded || !same(key, keyOf(state.loaded))) {
    await createItem(item, key);
  } else {
    await updateItem(item, key);
  }
}

// A new item, or an item under another key: never over an item that exists.
async function createItem(item, key) {
  const condition = new Condition();
  for (const name of Object.keys(key)) condition.absent(condition.name(name));
  const result = await send({
    operation: 'create',
    tableName: state.table,
    payload: { Item: item, ConditionExpression: condition.expression, ExpressionAttributeNames: condition.names },
  });
  if (result.ok) {
    const moved = state.loaded && keyOf(state.loaded);
    state.loaded = item;
    $('item-json').value = stringify(item, 2);
    $('reload-item').hidden = false;
    $('delete-item').hidden = false;
    $('editor-heading').textContent = `Item ${describeKey(key)}`;
    showMessage(`Created the item ${describeKey(key)}.${moved ? ` The item ${describeKey(moved)} is still there, unchanged.` : ''}`);
    await refreshPage();
  } else if (problem(result).errorType === 'ConditionalCheckFailedException') {
    showError('Not created: an item with this key exists already',
      'Nothing was written. Open that item to change it, or choose another key.');
  }
}

// Only the attributes you changed are written, and only if each still holds the value it had when
// the item was loaded (an added one: still does not exist). A change made meanwhile to any of them
// makes the condition false and DynamoDB writes nothing; changes made meanwhile to other
// attributes are kept, since they are not written.
async function updateItem(item, key) {
  const loaded = state.loaded;
  const condition = new Condition();
  for (const name of Object.keys(key)) condition.holds(condition.name(name), key[name]);
  const set = [];
  const remove = [];
  for (const [name, value] of Object.entries(item)) {
    if (Object.prototype.hasOwnProperty.call(key, name)) continue;
    const isNew = !Object.prototype.hasOwnProperty.call(loaded, name);
    if (!isNew && same(value, loaded[name])) continue;
    // Only names and values the expressions use: DynamoDB refuses any other.
    const path = condition.name(name);
    if (isNew) condition.absent(path);
    else condition.holds(path, loaded[name]);
    set.push(`${path} = ${condition.value(value)}`);
  }
  for (const [name, value] of Object.entries(loaded)) {
    if (!Object.prototype.hasOwnProperty.call(item, name)) {
      const path = condition.name(name);
      condition.holds(path, value);
      remove.push(path);
    }
  }
  if (set.length === 0 && remove.length === 0) {
    showMessage('Nothing changed, so nothing was sent.');
    return;
  }
  const update = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  const result = await send({
    operation: 'update',
    tableName: state.table,
    payload: {
      Key: key,
      UpdateExpression: update,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
      ReturnValues: 'ALL_NEW',
    },
  });
  if (result.ok) {
    state.loaded = result.answer.Attributes ?? item;
    $('item-json').value = stringify(state.loaded, 2);
    showMessage(`Saved the item ${describeKey(key)}.`);
    await refreshPage();
  } else if (problem(result).errorType === 'ConditionalCheckFailedException') {
    showError('Not saved: the item changed since you loaded it',
      'Someone changed or deleted what you changed meanwhile, so nothing was written. Reload it to see it as it is now, then make your change again.');
  }
}

async function reloadItem() {
  const key = state.loaded && keyOf(state.loaded);
  if (!key) return;
  const result = await send({ operation: 'read', tableName: state.table, payload: { Key: key, ConsistentRead: true } });
  if (!result.ok) return;
  if (!isObject(result.answer.Item)) {
    closeEditor();
    showMessage(`The item ${describeKey(key)} no longer exists.`);
    return;
  }
  state.loaded = result.answer.Item;
  $('item-json').value = stringify(state.loaded, 2);
  showMessage(`Reloaded the item ${describeKey(key)}.`);
}

function askDelete() {
  const key = keyOf(state.loaded);
  $('confirm-text').textContent = `Delete the item ${describeKey(key)} from ${state.table}? This cannot be undone.`;
  $('confirm-delete').hidden = false;
  $('confirm-delete-no').focus();
}

// Only the item as it was loaded is deleted: if anything in it changed meanwhile, nothing is.
async function deleteItem() {
  const loaded = state.loaded;
  const key = keyOf(loaded);
  $('confirm-delete').hidden = true;
  const condition = new Condition();
  for (const [name, value] of Object.entries(loaded)) condition.holds(condition.name(name), value);
  const result = await send({
    operation: 'delete',
    tableName: state.table,
    payload: { Key: key, ConditionExpression: condition.expression, ExpressionAttributeNames: condition.names, ExpressionAttributeValues: condition.values },
  });
  if (result.ok) {
    closeEditor();
    showMessage(`Deleted the item ${describeKey(key)}.`);
    await refreshPage();
    $('items-heading').focus();
  } else if (problem(result).errorType === 'ConditionalCheckFailedException') {
    showError('Not deleted: the item changed since you loaded it', 'Nothing was deleted. Reload it to see it as it is now.');
  }
}

/** Shows the current page again, after a write changed it; the write stays the request shown. */
async function refreshPage() {
  const start = state.pageStarts.at(-1) ?? null;
  state.pageStarts.pop();
  await scan(start, false, true);
}

// ---- any operation --------------------------------------------------------------------------

function examplePayload(operation) {
  const key = (state.loaded && keyOf(state.loaded)) || Object.fromEntries(currentKeyNames().map((name) => [name, '1234ABCD']));
  switch (operation) {
    case 'list': return { Limit: new ExactNumber('10') };
    case 'query': return {
      KeyConditionExpression: '#k = :k',
      ExpressionAttributeNames: { '#k': Object.keys(key)[0] },
      ExpressionAttributeValues: { ':k': Object.values(key)[0] },
    };
    case 'read': return { Key: key };
    case 'create': return { Item: { ...key, number: new ExactNumber('5') } };
    case 'update': return {
      Key: key,
      UpdateExpression: 'SET #n = :n',
      ExpressionAttributeNames: { '#n': 'number' },
      ExpressionAttributeValues: { ':n': new ExactNumber('16') },
      ReturnValues: 'UPDATED_NEW',
    };
    case 'delete': return { Key: key, ReturnValues: 'ALL_OLD' };
    case 'echo': return { somekey1: 'somevalue1', somekey2: 'somevalue2' };
    default: return undefined;
  }
}

function fillExample() {
  const payload = examplePayload($('operation').value);
  $('payload').value = payload === undefined ? '' : stringify(payload, 2);
}

async function sendForm(event) {
  event.preventDefault();
  const operation = $('operation').value;
  const envelope = { operation };
  const table = $('try-table').value.trim();
  if (table && !WITHOUT_TABLE.has(operation)) envelope.tableName = table;
  const text = $('payload').value.trim();
  if (text) {
    try {
      envelope.payload = parse(text);
    } catch (error) {
      return showError('The payload is not valid JSON', error.message);
    }
  }
  const result = await send(envelope);
  if (result.ok) showMessage(`${operation}: HTTP ${result.status} in ${Math.round(result.ms)} ms.`);
}

async function copyCurl(curl, pre) {
  try {
    await navigator.clipboard.writeText(curl);
    showMessage('The curl command is copied.');
  } catch {
    // Clipboard access needs a secure context or a permission; selecting the text lets the user copy it.
    getSelection().selectAllChildren(pre);
    showMessage('Selected the curl command: press Ctrl+C (or Cmd+C) to copy it.');
  }
}

// ---- start ----------------------------------------------------------------------------------

function wire() {
  for (const operation of OPERATIONS) $('operation').append(new Option(operation, operation));
  $('operation').addEventListener('change', fillExample);
  $('base-url').value = baseUrl();
  $('api-key').value = apiKey();
  $('settings-form').addEventListener('submit', saveSettings);
  $('forget-key').addEventListener('click', forgetKey);
  $('reload-tables').addEventListener('click', loadTables);
  $('table').addEventListener('change', () => pickTable($('table').value));
  $('other-table-form').addEventListener('submit', (event) => {
    event.preventDefault();
    pickTable($('other-table').value.trim());
  });
  $('key-names').addEventListener('change', () => {
    const names = $('key-names').value.split(',').map((name) => name.trim()).filter(Boolean).slice(0, 2);
    setKeyNames(names.length ? names : ['id'], 'you');
    renderItems(state.items);
  });
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener('change', () => {
      $('query-fields').hidden = browseMode() !== 'query';
    });
  }
  $('browse-form').addEventListener('submit', (event) => {
    event.preventDefault();
    scan(null, true);
  });
  $('next-page').addEventListener('click', () => scan(state.nextKey, false));
  $('previous-page').addEventListener('click', () => {
    state.pageStarts.pop();
    const start = state.pageStarts.pop() ?? null;
    scan(start, false);
  });
  $('first-page').addEventListener('click', () => scan(null, true));
  $('new-item').addEventListener('click', newItem);
  $('save-item').addEventListener('click', saveItem);
  $('reload-item').addEventListener('click', reloadItem);
  $('delete-item').addEventListener('click', askDelete);
  $('confirm-delete-yes').addEventListener('click', deleteItem);
  $('confirm-delete-no').addEventListener('click', () => {
    $('confirm-delete').hidden = true;
    $('delete-item').focus();
  });
  $('close-item').addEventListener('click', closeEditor);
  $('try-form').addEventListener('submit', sendForm);
  $('example-payload').addEventListener('click', fillExample);
}

// Never a blank screen: whatever fails is said where the API's errors are said.
window.addEventListener('error', (event) => showError('The console failed', event.message));
window.addEventListener('unhandledrejection', (event) => showError('The console failed', String(event.reason?.message ?? event.reason)));

wire();
showConnection();
fillExample();
loadTables();
