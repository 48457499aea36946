// Forms whose inputs are named after the API's JSON fields, so that an error body
// {field, value, message} can be shown next to the input it names.

import { h } from './dom.js';

/**
 * Builds a form. fields: [{name, label, type: 'text'|'number'|'select'|'list', options, placeholder,
 * readonly}]. 'list' is a comma-separated text that becomes an array. onSubmit(values) may throw an
 * ApiError; its field's message is shown next to that input.
 */
export function form(id, fields, submitText, onSubmit) {
  const el = h('form', { id, class: 'api-form', novalidate: true });
  const general = h('p', { class: 'form-error', 'data-error-for': '' });
  for (const f of fields) {
    el.append(h('label', { class: 'field' },
      h('span', { class: 'field-name' }, f.label),
      input(f),
      h('span', { class: 'field-error', 'data-error-for': f.name })));
  }
  const button = h('button', { type: 'submit' }, submitText);
  el.append(general, h('div', { class: 'form-actions' }, button));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      await onSubmit(values(el, fields));
    } catch (err) {
      showError(el, err);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

function input(f) {
  if (f.type === 'select') {
    return h('select', { name: f.name },
      (f.options || []).map((o) => h('option', { value: o.value ?? o }, o.label ?? o)));
  }
  return h('input', {
    name: f.name,
    type: f.type === 'number' ? 'number' : 'text',
    placeholder: f.placeholder,
    readonly: f.readonly,
    autocomplete: 'off',
  });
}

/** Reads the form into a JSON body: empty inputs are left out, lists split at commas. */
function values(el, fields) {
  const out = {};
  for (const f of fields) {
    const raw = el.elements[f.name].value.trim();
    if (raw === '') {
      continue;
    }
    if (f.type === 'list') {
      out[f.name] = raw.split(',').map((x) => x.trim()).filter((x) => x);
    } else if (f.type === 'number' && /^-?\d+$/.test(raw)) {
      out[f.name] = Number(raw);
    } else {
      out[f.name] = raw;
    }
  }
  return out;
}

/** Fills the inputs from an object of the API (lists joined with commas). */
export function fill(el, obj) {
  for (const input of el.querySelectorAll('input, select')) {
    const v = obj[input.name];
    input.value = v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  }
}

export function clearErrors(el) {
  el.querySelectorAll('[data-error-for]').forEach((e) => { e.textContent = ''; });
  el.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
}

/**
 * Shows an API error next to its field. The API names nested items like importTargets[1] or
 * staticRoutes[0]: the input is the part before the first '[' or '.'.
 */
export function showError(el, err) {
  const field = (err.field || '').split(/[[.]/)[0];
  const slot = field && el.querySelector(`.field-error[data-error-for="${CSS.escape(field)}"]`);
  const text = err.message || String(err);
  if (slot) {
    slot.textContent = text;
    el.elements[field].classList.add('invalid');
  } else {
    el.querySelector('.form-error').textContent = text;
  }
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
export function setOptions(select, options) {
  const chosen = select.value;
  const values = options.map((o) => o.value ?? o);
  if (values.join('\n') === [...select.options].map((o) => o.value).join('\n')) {
    return;
  }
  select.replaceChildren(...options.map((o) => {
    const opt = document.createElement('option');
    opt.value = o.value ?? o;
    opt.textContent = o.label ?? o;
    return opt;
  }));
  if (values.includes(chosen)) {
    select.value = chosen;
  }
}
