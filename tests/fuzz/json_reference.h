/* The tokenizer as it was before it became resumable (one call over the whole input), kept as the
   reference of fuzz_json_stream: the resumable one must give the same tokens and errors for any input
   cut anywhere. Uses the implementation's helpers (_seismic_hex_value, _seismic_json_special8, ...). */
/* Scans a string body starting at *pos (just after the opening quote). On success *pos is the
   closing quote; on failure it is the offset of the problem and *what says what it is. */
static bool ref_json_scan_string(const uint8_t *s, size_t len, size_t *pos, uint8_t *flags, const char **what) {
    size_t p = *pos;
    for (;;) {
        /* Plain ASCII dominates RPC payloads (hex, addresses, names): skip it 8 bytes at a time. */
        while (len - p >= 8) {
            uint64_t v;
            memcpy(&v, s + p, 8);
            if (_seismic_json_special8(v)) break;
            p += 8;
        }
        while (p < len && s[p] >= 0x20 && s[p] < 0x80 && s[p] != '"' && s[p] != '\\') p++;
        if (p >= len) {
            *pos = p;
            *what = "unterminated string";
            return false;
        }
        uint8_t c = s[p];
        if (c == '"') {
            *pos = p;
            return true;
        }
        if (c == '\\') {
            *flags |= SEISMIC_JSON_FLAG_ESCAPES;
            if (len - p < 2) break;
            switch (s[p + 1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                p += 2;
                continue;
            case 'u': break;
            default:
                *pos = p;
                *what = "invalid escape";
                return false;
            }
            int32_t unit = len - p >= 6 ? _seismic_json_hex4(s + p + 2) : -1;
            if (unit < 0) {
                *pos = p;
                *what = "invalid \\u escape";
                return false;
            }
            if (unit >= 0xdc00 && unit <= 0xdfff) {
                *pos = p;
                *what = "lone low surrogate";
                return false;
            }
            if (unit >= 0xd800 && unit <= 0xdbff) {
                int32_t low = len - p >= 12 && s[p + 6] == '\\' && s[p + 7] == 'u' ? _seismic_json_hex4(s + p + 8) : -1;
                if (low < 0xdc00 || low > 0xdfff) {
                    *pos = p;
                    *what = "high surrogate not followed by a low surrogate";
                    return false;
                }
                p += 6;
            }
            p += 6;
            continue;
        }
        if (c < 0x20) {
            *pos = p;
            *what = "control character in string";
            return false;
        }
        size_t n = _seismic_json_utf8_len(s + p, len - p);
        if (!n) {
            *pos = p;
            *what = "invalid UTF-8";
            return false;
        }
        p += n;
    }
    *pos = p;
    *what = "unterminated string";
    return false;
}

static bool ref_json_is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Scans a number per the RFC grammar starting at *pos; on success *pos is just past it. */
static bool ref_json_scan_number(const uint8_t *s, size_t len, size_t *pos, const char **what) {
    size_t p = *pos;
    if (s[p] == '-') p++;
    if (p >= len || !ref_json_is_digit(s[p])) {
        *what = "expected a digit in number";
        goto fail;
    }
    if (s[p] == '0') {
        p++;
        if (p < len && ref_json_is_digit(s[p])) {
            *what = "leading zero in number";
            goto fail;
        }
    } else {
        while (p < len && ref_json_is_digit(s[p])) p++;
    }
    if (p < len && s[p] == '.') {
        p++;
        if (p >= len || !ref_json_is_digit(s[p])) {
            *what = "expected a digit after the decimal point";
            goto fail;
        }
        while (p < len && ref_json_is_digit(s[p])) p++;
    }
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < len && (s[p] == '+' || s[p] == '-')) p++;
        if (p >= len || !ref_json_is_digit(s[p])) {
            *what = "expected a digit in exponent";
            goto fail;
        }
        while (p < len && ref_json_is_digit(s[p])) p++;
    }
    *pos = p;
    return true;
fail:
    *pos = p;
    return false;
}

/* Fills tok with the string whose opening quote is at *pos; *pos ends just past the closing quote
   (or, on failure, at the problem). */
static bool ref_json_string_token(seismic_json_token *tok, const uint8_t *s, size_t len, size_t *pos,
                                       const char **what) {
    uint8_t flags = 0;
    size_t body = *pos + 1;
    *pos = body;
    if (!ref_json_scan_string(s, len, pos, &flags, what)) return false;
    tok->type = SEISMIC_JSON_STRING;
    tok->flags = flags;
    tok->start = (uint32_t)body;
    tok->len = (uint32_t)(*pos - body);
    (*pos)++;
    return true;
}

static seismic_result ref_json_parse_error(seismic_error *err, size_t offset, const char *what) {
    return _seismic_fail(err, SEISMIC_ERR_PARSE, "json: %s at offset %zu", what, offset);
}

static seismic_result ref_json_parse(seismic_json *json, const char *text, size_t len,
                                              seismic_json_token *tokens, size_t cap, seismic_error *err) {
    const uint8_t *s = (const uint8_t *)text;
    uint32_t open_index[SEISMIC_JSON_MAX_DEPTH]; /* token index of each open container */
    bool is_object[SEISMIC_JSON_MAX_DEPTH];
    size_t depth = 0, count = 0, pos = 0;
    bool in_object = false;
    const char *what = NULL; /* set by the scanners when they fail */
    /* Once tokens run out, the rest of the input is still validated and counted; its tokens land
       here so the loop needs no special case. */
    seismic_json_token overflow;
    seismic_json_token *tok;

    json->text = text;
    json->len = len;
    json->tokens = tokens;
    json->count = 0;
    if (len > UINT32_MAX) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "json: input longer than 4 GiB");

    pos = _seismic_json_skip_ws(s, pos, len);
value:
    if (pos >= len) return ref_json_parse_error(err, pos, "unexpected end of input, expected a value");
    tok = count < cap ? &tokens[count] : &overflow;
    tok->start = (uint32_t)pos;
    tok->flags = 0;
    switch (s[pos]) {
    case '"':
        if (!ref_json_string_token(tok, s, len, &pos, &what)) return ref_json_parse_error(err, pos, what);
        break;
    case '{': case '[':
        if (depth == SEISMIC_JSON_MAX_DEPTH)
            return _seismic_fail(err, SEISMIC_ERR_TOO_DEEP, "json: nested deeper than %d at offset %zu",
                                 SEISMIC_JSON_MAX_DEPTH, pos);
        in_object = s[pos] == '{';
        tok->type = in_object ? SEISMIC_JSON_OBJECT : SEISMIC_JSON_ARRAY;
        open_index[depth] = (uint32_t)count;
        is_object[depth++] = in_object;
        count++;
        pos = _seismic_json_skip_ws(s, pos + 1, len);
        if (pos < len && s[pos] == (in_object ? '}' : ']')) goto close;
        if (in_object) goto key;
        goto value;
    case 't': case 'f': case 'n': {
        static const char *const words[3] = {"true", "false", "null"};
        static const uint8_t types[3] = {SEISMIC_JSON_TRUE, SEISMIC_JSON_FALSE, SEISMIC_JSON_NULL};
        int w = s[pos] == 't' ? 0 : s[pos] == 'f' ? 1 : 2;
        size_t n = strlen(words[w]);
        if (len - pos < n || memcmp(s + pos, words[w], n) != 0) return ref_json_parse_error(err, pos, "invalid literal");
        tok->type = types[w];
        tok->len = (uint32_t)n;
        pos += n;
        break;
    }
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        if (!ref_json_scan_number(s, len, &pos, &what)) return ref_json_parse_error(err, pos, what);
        tok->type = SEISMIC_JSON_NUMBER;
        tok->len = (uint32_t)(pos - tok->start);
        break;
    case ']': /* "[]" was taken care of when the array opened, so a comma came before this */
        if (depth && !in_object) return ref_json_parse_error(err, pos, "trailing comma in array");
        return ref_json_parse_error(err, pos, depth ? "expected a value" : "unexpected character");
    case ',': case '}': case ':':
        return ref_json_parse_error(err, pos, depth ? "expected a value" : "unexpected character");
    default:
        return ref_json_parse_error(err, pos, "unexpected character");
    }
    tok->end = (uint32_t)(++count);

after_value:
    pos = _seismic_json_skip_ws(s, pos, len);
    if (depth == 0) {
        if (pos != len) return ref_json_parse_error(err, pos, "more text after the top-level value");
        json->count = count;
        if (count > cap) {
            json->tokens = NULL; /* so navigation finds nothing rather than reading past cap */
            return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "json: %zu tokens needed, %zu available", count, cap);
        }
        return SEISMIC_OK;
    }
    if (pos >= len) return ref_json_parse_error(err, pos, in_object ? "unclosed object" : "unclosed array");
    if (s[pos] == ',') {
        pos = _seismic_json_skip_ws(s, pos + 1, len);
        if (in_object) goto key;
        goto value;
    }
    if (s[pos] != (in_object ? '}' : ']'))
        return ref_json_parse_error(err, pos, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
close:
    depth--;
    if (open_index[depth] < cap) {
        tokens[open_index[depth]].len = (uint32_t)(pos + 1 - tokens[open_index[depth]].start);
        tokens[open_index[depth]].end = (uint32_t)count;
    }
    pos++;
    in_object = depth > 0 && is_object[depth - 1];
    goto after_value;

key:
    if (pos >= len || s[pos] != '"')
        return ref_json_parse_error(err, pos, pos < len && s[pos] == '}' ? "trailing comma in object" : "expected a string key");
    tok = count < cap ? &tokens[count] : &overflow;
    if (!ref_json_string_token(tok, s, len, &pos, &what)) return ref_json_parse_error(err, pos, what);
    tok->end = (uint32_t)(++count);
    pos = _seismic_json_skip_ws(s, pos, len);
    if (pos >= len || s[pos] != ':') return ref_json_parse_error(err, pos, "expected ':' after key");
    pos = _seismic_json_skip_ws(s, pos + 1, len);
    goto value;
}

