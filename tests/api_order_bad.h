/* Declarations that break the argument-order rule, for tests/run.sh to check that tests/api_order.js names
   each of them (and not the last one, which keeps the rule). */
SEISMIC_API seismic_result seismic_abi_encode(seismic_buf *out, const char *types, const seismic_abi_args *args,
                                              seismic_error *err);
SEISMIC_API seismic_result seismic_hex_decode(const char *hex, size_t hex_len, seismic_error *err, uint8_t *out);
SEISMIC_API seismic_result seismic_private_key_from_hex(seismic_private_key *key, const char *hex);
SEISMIC_API void seismic_tao_neurons_free(const seismic_allocator *allocator, seismic_tao_neurons *neurons);
SEISMIC_API seismic_request seismic_wallet_create(seismic_client *c, const seismic_wallet_desc *desc,
                                                  seismic_wallet **out, const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_base58_decode(const char *text, size_t len, uint8_t *out, size_t cap,
                                                 size_t *out_len, seismic_error *err);
