// Word lists for code.ts (server-side code injection). Taken from the OWASP CRS data files and rule regexes
// (Apache-2.0) at revision 2cbd1d019, expanded and lower-cased; code.ts looks them up at token boundaries and
// pairs them with call/assignment syntax (CRS matches several of them bare).

/** php-function-names-933150.data: high-risk PHP functions (CRS 933150, PL1). */
export const PHP_HIGH_RISK: string =
  "array_diff_uassoc array_diff_ukey array_filter array_intersect_uassoc array_intersect_ukey array_key_exists " +
  "array_map array_push array_reduce array_shift array_udiff array_udiff_assoc array_udiff_uassoc " +
  "array_uintersect array_uintersect_assoc array_uintersect_uassoc array_values base64_decode base64_encode " +
  "bson_decode bson_encode bzdecompress bzopen call_user_func class_exists convert_uuencode curl_exec " +
  "curl_file_create curl_init debug_backtrace dirname error_reporting escapeshellarg escapeshellcmd " +
  "exif_imagetype exif_read_data exif_tagname exif_thumbnail fclose file_exists file_get_contents finfo_open " +
  "fsockopen ftp_connect ftp_get ftp_nb_get ftp_nb_put ftp_put function_exists fwrite get_cfg_var get_class " +
  "get_class_methods get_class_vars get_current_user get_defined_constants get_defined_functions get_defined_vars " +
  "get_meta_tags getcwd getenv getimagesize getlastmod getmygid getmyinode getmypid getmyuid gzcompress gzdecode " +
  "gzdeflate gzencode gzfile gzinflate gzopen gzread gzuncompress gzwrite hash_file hash_hmac_file " +
  "hash_update_file header_register_callback hex2bin highlight_file html_entity_decode htmlentities " +
  "htmlspecialchars htmlspecialchars_decode image2wbmp imagecreatefromgif imagecreatefromjpeg imagecreatefrompng " +
  "imagecreatefromwbmp imagecreatefromxbm imagecreatefromxpm imagegd imagegd2 ini_get ini_get_all ini_set " +
  "iptcembed is_array is_dir is_executable is_file is_null is_numeric is_object is_readable is_writable " +
  "is_writeable iterator_apply json_decode json_encode mb_ereg mb_ereg_match mb_ereg_replace " +
  "mb_ereg_replace_callback mb_eregi mb_eregi_replace mb_parse_str md5_file method_exists move_uploaded_file " +
  "mysql_query number_format ob_clean ob_end_clean ob_end_flush ob_flush ob_get_clean ob_get_contents " +
  "ob_get_flush ob_start odbc_connect odbc_exec odbc_execute odbc_result odbc_result_all parse_ini_file parse_str " +
  "parse_url pfsockopen pg_connect pg_execute pg_prepare pg_query php_strip_whitespace php_uname phpversion " +
  "posix_getegid posix_geteuid posix_getgid posix_getlogin posix_getpwnam posix_getpwuid posix_kill posix_mkfifo " +
  "posix_mknod posix_ttyname preg_match preg_match_all preg_replace preg_replace_callback " +
  "preg_replace_callback_array preg_split print_r proc_close proc_get_status proc_nice proc_open proc_terminate " +
  "putenv rawurldecode rawurlencode read_exif_data readdir readgzfile register_shutdown_function " +
  "register_tick_function rename_function runkit_constant_add runkit_constant_redefine runkit_function_add " +
  "runkit_function_copy runkit_function_redefine runkit_function_rename runkit_method_add runkit_method_copy " +
  "runkit_method_redefine runkit_method_rename session_set_save_handler session_start set_error_handler " +
  "set_exception_handler set_include_path set_magic_quotes_runtime setdefaultstub settype sha1_file shell_exec " +
  "show_source simplexml_load_file simplexml_load_string socket_connect socket_create spl_autoload_register " +
  "sqlite_array_query sqlite_create_aggregate sqlite_create_function sqlite_exec sqlite_open sqlite_popen " +
  "sqlite_query sqlite_single_query sqlite_unbuffered_query str_replace stream_context_create " +
  "stream_socket_client stripcslashes stripslashes strlen strpos strrev strtolower strtotime strtoupper uasort " +
  "ucfirst uksort urldecode urlencode var_dump zlib_decode";
/** CRS 933160 (PL1): PHP functions that need a call "(...)" to count. */
export const PHP_CALL_PL1: string =
  "assert assert_options chr create_function eval exec exp file filegroup fopen fputs glob imagegif imagejpeg " +
  "imagepng imagewbmp imagexbm intval is_a md5 mkdir opendir ord passthru phpinfo popen prev printf readfile " +
  "rtrim stat strip_tags substr system tmpfile unlink unpack unserialize usort";
/** CRS 933151/933152/933153 (PL2): other PHP functions followed by "(". */
export const PHP_CALL_PL2: string =
  "accel_chdir acos acosh addcslashes addslashes apache_child_terminate apache_get_modules apache_get_version " +
  "apache_getenv apache_lookup_uri apache_note apache_request_headers apache_response_headers apache_setenv " +
  "array_change_key_case array_chunk array_column array_combine array_count_values array_diff array_diff_assoc " +
  "array_diff_key array_diff_uassoc array_diff_ukey array_fill array_fill_keys array_flip array_intersect " +
  "array_intersect_assoc array_intersect_key array_intersect_uassoc array_intersect_ukey array_is_list " +
  "array_key_first array_key_last array_keys array_map array_merge array_merge_recursive array_multisort " +
  "array_pad array_pop array_product array_rand array_reduce array_replace array_replace_recursive array_reverse " +
  "array_search array_slice array_splice array_sum array_udiff array_udiff_assoc array_udiff_uassoc " +
  "array_uintersect array_uintersect_assoc array_uintersect_uassoc array_unique array_unshift array_walk " +
  "array_walk_recursive arsort asinh asort assert_options atan atan2 atanh base64_decode base64_encode " +
  "base_convert bcadd bccomp bcdiv bcmod bcmul bcpow bcpowmod bcscale bcsqrt bcsub bin2hex " +
  "bind_textdomain_codeset bindec bindtextdomain boolval bzcompress bzdecompress bzerrno bzerror bzerrstr bzopen " +
  "bzread cal_days_in_month cal_from_jd cal_info cal_to_jd call_user_func_array ceil chdir chgrp chmod chown chr " +
  "chunk_split class_alias class_implements class_parents class_uses clearstatcache closedir closelog " +
  "collator_asort collator_compare collator_create collator_get_attribute collator_get_error_code " +
  "collator_get_error_message collator_get_locale collator_get_sort_key collator_get_strength " +
  "collator_set_attribute collator_set_strength collator_sort collator_sort_with_sort_keys com_create_guid " +
  "com_event_sink com_get_active_object com_load_typelib com_message_pump com_print_typeinfo config_get_hash " +
  "connection_aborted connection_status convert_uudecode convert_uuencode count_chars crc32 ctype_alnum " +
  "ctype_alpha ctype_cntrl ctype_digit ctype_graph ctype_lower ctype_print ctype_punct ctype_space ctype_upper " +
  "ctype_xdigit curl_close curl_copy_handle curl_errno curl_error curl_escape curl_exec curl_file_create " +
  "curl_getinfo curl_init curl_multi_add_handle curl_multi_close curl_multi_errno curl_multi_exec " +
  "curl_multi_getcontent curl_multi_info_read curl_multi_init curl_multi_remove_handle curl_multi_select " +
  "curl_multi_setopt curl_multi_strerror curl_pause curl_reset curl_setopt curl_setopt_array curl_share_close " +
  "curl_share_errno curl_share_init curl_share_setopt curl_share_strerror curl_strerror curl_unescape curl_upkeep " +
  "curl_version date_add date_create date_create_from_format date_create_immutable " +
  "date_create_immutable_from_format date_date_set date_default_timezone_get date_default_timezone_set date_diff " +
  "date_format date_get_last_errors date_interval_create_from_date_string date_interval_format date_isodate_set " +
  "date_modify date_offset_get date_parse date_parse_from_format date_sub date_sun_info date_sunrise date_sunset " +
  "date_time_set date_timestamp_get date_timestamp_set date_timezone_get date_timezone_set datefmt_create " +
  "datefmt_format datefmt_format_object datefmt_get_calendar datefmt_get_calendar_object datefmt_get_datetype " +
  "datefmt_get_error_code datefmt_get_error_message datefmt_get_locale datefmt_get_pattern datefmt_get_timetype " +
  "datefmt_get_timezone datefmt_get_timezone_id datefmt_is_lenient datefmt_localtime datefmt_parse " +
  "datefmt_set_calendar datefmt_set_lenient datefmt_set_pattern datefmt_set_timezone dba_close dba_delete " +
  "dba_exists dba_fetch dba_firstkey dba_handlers dba_insert dba_key_split dba_list dba_nextkey dba_open " +
  "dba_optimize dba_popen dba_replace dba_sync dcgettext dcngettext debug_backtrace debug_print_backtrace " +
  "debug_zval_dump decbin dechex deflate_add deflate_init deg2rad dgettext disk_free_space disk_total_space " +
  "dl_test_test1 dl_test_test2 dngettext dns_check_record dns_get_mx dns_get_record dom_import_simplexml " +
  "easter_date easter_days enchant_broker_describe enchant_broker_dict_exists enchant_broker_free " +
  "enchant_broker_free_dict enchant_broker_get_dict_path enchant_broker_get_error enchant_broker_init " +
  "enchant_broker_list_dicts enchant_broker_request_dict enchant_broker_request_pwl_dict " +
  "enchant_broker_set_dict_path enchant_broker_set_ordering enchant_dict_add enchant_dict_add_to_session " +
  "enchant_dict_check enchant_dict_describe enchant_dict_get_error enchant_dict_is_added enchant_dict_quick_check " +
  "enchant_dict_store_replacement enchant_dict_suggest enum_exists error_clear_last error_get_last error_log " +
  "error_reporting escapeshellarg escapeshellcmd exif_imagetype exif_read_data exif_tagname exif_thumbnail expm1 " +
  "extension_loaded fastcgi_finish_request fdatasync fdiv feof ffi_trampoline fflush fgetc fgetcsv fgets " +
  "file_put_contents filter_has_var filter_id filter_input filter_input_array filter_list filter_var " +
  "filter_var_array finfo_buffer finfo_close finfo_file finfo_open finfo_set_flags floatval fmod fnmatch " +
  "forward_static_call forward_static_call_array fpassthru fpm_get_status fprintf fputcsv fread frenchtojd fscanf " +
  "fseek fsockopen fstat fsync ftell ftok ftp_alloc ftp_append ftp_cdup ftp_chdir ftp_chmod ftp_close ftp_connect " +
  "ftp_delete ftp_exec ftp_fget ftp_fput ftp_get ftp_get_option ftp_login ftp_mdtm ftp_mkdir ftp_mlsd " +
  "ftp_nb_continue ftp_nb_fget ftp_nb_fput ftp_nb_get ftp_nb_put ftp_nlist ftp_pasv ftp_put ftp_pwd ftp_raw " +
  "ftp_rawlist ftp_rename ftp_rmdir ftp_set_option ftp_site ftp_size ftp_ssl_connect ftp_systype ftruncate " +
  "func_get_arg func_get_args func_num_args fwrite gc_collect_cycles gc_disable gc_enable gc_enabled " +
  "gc_mem_caches gc_status gd_info get_browser get_called_class get_cfg_var get_class_methods get_class_vars " +
  "get_current_user get_debug_type get_declared_classes get_declared_interfaces get_declared_traits " +
  "get_defined_constants get_defined_functions get_defined_vars get_extension_funcs get_headers " +
  "get_html_translation_table get_include_path get_included_files get_loaded_extensions get_mangled_object_vars " +
  "get_meta_tags get_object_vars get_open_basedir get_parent_class get_resource_id get_resource_type " +
  "get_resources getcwd getdate getenv gethostbyaddr gethostbyname gethostbynamel gethostname getimagesize " +
  "getimagesizefromstring getlastmod getmygid getmyinode getmypid getmyuid getopt getprotobyname getprotobynumber " +
  "getrusage getservbyname getservbyport gettext gettimeofday gettype gmdate gmmktime gmp_abs gmp_add gmp_and " +
  "gmp_binomial gmp_clrbit gmp_cmp gmp_com gmp_div_q gmp_div_qr gmp_div_r gmp_divexact gmp_export gmp_fact " +
  "gmp_gcd gmp_gcdext gmp_hamdist gmp_import gmp_init gmp_intval gmp_invert gmp_jacobi gmp_kronecker gmp_lcm " +
  "gmp_legendre gmp_mod gmp_mul gmp_neg gmp_nextprime gmp_or gmp_perfect_power gmp_perfect_square gmp_popcount " +
  "gmp_pow gmp_powm gmp_prob_prime gmp_random_bits gmp_random_range gmp_random_seed gmp_root gmp_rootrem " +
  "gmp_scan0 gmp_scan1 gmp_setbit gmp_sign gmp_sqrt gmp_sqrtrem gmp_strval gmp_sub gmp_testbit gmp_xor gmstrftime " +
  "grapheme_extract grapheme_stripos grapheme_stristr grapheme_strlen grapheme_strpos grapheme_strripos " +
  "grapheme_strrpos grapheme_strstr grapheme_substr gregoriantojd gzcompress gzdecode gzdeflate gzencode gzfile " +
  "gzinflate gzopen gzuncompress hash_algos hash_copy hash_equals hash_file hash_final hash_hkdf hash_hmac " +
  "hash_hmac_algos hash_hmac_file hash_init hash_pbkdf2 hash_update hash_update_file hash_update_stream " +
  "header_register_callback header_remove headers_list headers_sent hebrev hex2bin hexdec highlight_file " +
  "highlight_string hrtime html_entity_decode htmlentities htmlspecialchars_decode http_build_query " +
  "http_response_code hypot iconv iconv_get_encoding iconv_mime_decode iconv_mime_decode_headers " +
  "iconv_mime_encode iconv_set_encoding iconv_strlen iconv_strpos iconv_strrpos iconv_substr idn_to_ascii " +
  "idn_to_utf8 ignore_user_abort image_type_to_extension image_type_to_mime_type imageaffine " +
  "imageaffinematrixconcat imageaffinematrixget imagealphablending imageantialias imagearc imageavif imagebmp " +
  "imagechar imagecharup imagecolorallocate imagecolorallocatealpha imagecolorat imagecolorclosest " +
  "imagecolorclosestalpha imagecolorclosesthwb imagecolordeallocate imagecolorexact imagecolorexactalpha " +
  "imagecolormatch imagecolorresolve imagecolorresolvealpha imagecolorset imagecolorsforindex imagecolorstotal " +
  "imagecolortransparent imageconvolution imagecopy imagecopymerge imagecopymergegray imagecopyresampled " +
  "imagecopyresized imagecreate imagecreatefromavif imagecreatefrombmp imagecreatefromgd imagecreatefromgd2 " +
  "imagecreatefromgd2part imagecreatefromgif imagecreatefromjpeg imagecreatefrompng imagecreatefromstring " +
  "imagecreatefromtga imagecreatefromwbmp imagecreatefromwebp imagecreatefromxbm imagecreatefromxpm " +
  "imagecreatetruecolor imagecrop imagecropauto imagedashedline imagedestroy imageellipse imagefill " +
  "imagefilledarc imagefilledellipse imagefilledpolygon imagefilledrectangle imagefilltoborder imagefilter " +
  "imageflip imagefontheight imagefontwidth imageftbbox imagefttext imagegammacorrect imagegd imagegd2 " +
  "imagegetclip imagegetinterpolation imagegif imagegrabscreen imagegrabwindow imageinterlace imageistruecolor " +
  "imagejpeg imagelayereffect imageline imageloadfont imageopenpolygon imagepalettecopy imagepalettetotruecolor " +
  "imagepng imagepolygon imagerectangle imageresolution imagerotate imagesavealpha imagescale imagesetbrush " +
  "imagesetclip imagesetinterpolation imagesetpixel imagesetstyle imagesetthickness imagesettile imagestring " +
  "imagestringup imagesx imagesy imagetruecolortopalette imagetypes imagewbmp imagewebp imagexbm imap_8bit " +
  "imap_alerts imap_append imap_base64 imap_binary imap_body imap_bodystruct imap_check imap_clearflag_full " +
  "imap_close imap_createmailbox imap_delete imap_deletemailbox imap_errors imap_expunge imap_fetch_overview " +
  "imap_fetchbody imap_fetchheader imap_fetchmime imap_fetchstructure imap_gc imap_get_quota imap_get_quotaroot " +
  "imap_getacl imap_getmailboxes imap_getsubscribed imap_headerinfo imap_headers imap_is_open imap_last_error " +
  "imap_list imap_listscan imap_lsub imap_mail imap_mail_compose imap_mail_copy imap_mail_move " +
  "imap_mailboxmsginfo imap_mime_header_decode imap_msgno imap_mutf7_to_utf8 imap_num_msg imap_num_recent " +
  "imap_open imap_ping imap_qprint imap_renamemailbox imap_reopen imap_rfc822_parse_adrlist " +
  "imap_rfc822_parse_headers imap_rfc822_write_address imap_savebody imap_search imap_set_quota imap_setacl " +
  "imap_setflag_full imap_sort imap_status imap_subscribe imap_thread imap_timeout imap_uid imap_undelete " +
  "imap_unsubscribe imap_utf7_decode imap_utf7_encode imap_utf8 imap_utf8_to_mutf7 in_array inet_ntop inet_pton " +
  "inflate_add inflate_get_read_len inflate_get_status inflate_init ini_get ini_get_all ini_parse_quantity " +
  "ini_restore ini_set intdiv interface_exists intl_error_name intl_get_error_code intl_get_error_message " +
  "intl_is_failure intlcal_add intlcal_after intlcal_before intlcal_clear intlcal_create_instance intlcal_equals " +
  "intlcal_field_difference intlcal_from_date_time intlcal_get intlcal_get_actual_maximum " +
  "intlcal_get_actual_minimum intlcal_get_available_locales intlcal_get_day_of_week_type intlcal_get_error_code " +
  "intlcal_get_error_message intlcal_get_first_day_of_week intlcal_get_greatest_minimum " +
  "intlcal_get_keyword_values_for_locale intlcal_get_least_maximum intlcal_get_locale intlcal_get_maximum " +
  "intlcal_get_minimal_days_in_first_week intlcal_get_minimum intlcal_get_now " +
  "intlcal_get_repeated_wall_time_option intlcal_get_skipped_wall_time_option intlcal_get_time " +
  "intlcal_get_time_zone intlcal_get_type intlcal_get_weekend_transition intlcal_in_daylight_time " +
  "intlcal_is_equivalent_to intlcal_is_lenient intlcal_is_set intlcal_is_weekend intlcal_roll intlcal_set " +
  "intlcal_set_first_day_of_week intlcal_set_lenient intlcal_set_minimal_days_in_first_week " +
  "intlcal_set_repeated_wall_time_option intlcal_set_skipped_wall_time_option intlcal_set_time " +
  "intlcal_set_time_zone intlcal_to_date_time intlgregcal_create_instance intlgregcal_get_gregorian_change " +
  "intlgregcal_is_leap_year intlgregcal_set_gregorian_change intltz_count_equivalent_ids intltz_create_default " +
  "intltz_create_enumeration intltz_create_time_zone intltz_create_time_zone_id_enumeration " +
  "intltz_from_date_time_zone intltz_get_canonical_id intltz_get_display_name intltz_get_dst_savings " +
  "intltz_get_equivalent_id intltz_get_error_code intltz_get_error_message intltz_get_gmt intltz_get_id " +
  "intltz_get_id_for_windows_id intltz_get_offset intltz_get_raw_offset intltz_get_region " +
  "intltz_get_tz_data_version intltz_get_unknown intltz_get_windows_id intltz_has_same_rules " +
  "intltz_to_date_time_zone intltz_use_daylight_time ip2long iptcembed iptcparse is_bool is_callable is_countable " +
  "is_executable is_file is_finite is_float is_infinite is_iterable is_link is_nan is_readable is_resource " +
  "is_scalar is_soap_fault is_string is_subclass_of is_uploaded_file is_writable iterator_apply iterator_count " +
  "iterator_to_array jddayofweek jdmonthname jdtofrench jdtogregorian jdtojewish jdtojulian jdtounix jewishtojd " +
  "json_last_error json_last_error_msg json_validate juliantojd krsort ksort lcfirst lcg_value lchgrp lchown " +
  "ldap_8859_to_t61 ldap_add ldap_add_ext ldap_bind ldap_bind_ext ldap_compare ldap_connect ldap_connect_wallet " +
  "ldap_count_entries ldap_count_references ldap_delete ldap_delete_ext ldap_dn2ufn ldap_err2str ldap_errno " +
  "ldap_error ldap_escape ldap_exop ldap_exop_passwd ldap_exop_refresh ldap_exop_sync ldap_exop_whoami " +
  "ldap_explode_dn ldap_first_attribute ldap_first_entry ldap_first_reference ldap_free_result " +
  "ldap_get_attributes ldap_get_dn ldap_get_entries ldap_get_option ldap_get_values_len ldap_list ldap_mod_add " +
  "ldap_mod_add_ext ldap_mod_del ldap_mod_del_ext ldap_mod_replace ldap_mod_replace_ext ldap_modify_batch " +
  "ldap_next_attribute ldap_next_entry ldap_next_reference ldap_parse_exop ldap_parse_reference ldap_parse_result " +
  "ldap_read ldap_rename ldap_rename_ext ldap_sasl_bind ldap_search ldap_set_option ldap_set_rebind_proc " +
  "ldap_start_tls ldap_t61_to_8859 ldap_unbind levenshtein libxml_clear_errors libxml_disable_entity_loader " +
  "libxml_get_errors libxml_get_external_entity_loader libxml_get_last_error libxml_set_external_entity_loader " +
  "libxml_set_streams_context libxml_use_internal_errors linkinfo litespeed_finish_request " +
  "litespeed_request_headers litespeed_response_headers locale_accept_from_http locale_canonicalize " +
  "locale_compose locale_filter_matches locale_get_all_variants locale_get_default locale_get_display_language " +
  "locale_get_display_name locale_get_display_region locale_get_display_script locale_get_display_variant " +
  "locale_get_keywords locale_get_primary_language locale_get_region locale_get_script locale_lookup locale_parse " +
  "locale_set_default localeconv localtime log10 log1p long2ip lstat ltrim mb_check_encoding mb_chr " +
  "mb_convert_case mb_convert_encoding mb_convert_kana mb_convert_variables mb_decode_mimeheader " +
  "mb_decode_numericentity mb_detect_encoding mb_detect_order mb_encode_mimeheader mb_encode_numericentity " +
  "mb_encoding_aliases mb_ereg mb_ereg_match mb_ereg_replace mb_ereg_replace_callback mb_ereg_search " +
  "mb_ereg_search_getpos mb_ereg_search_getregs mb_ereg_search_init mb_ereg_search_pos mb_ereg_search_regs " +
  "mb_ereg_search_setpos mb_eregi mb_eregi_replace mb_get_info mb_http_input mb_http_output mb_internal_encoding " +
  "mb_language mb_list_encodings mb_ord mb_output_handler mb_parse_str mb_preferred_mime_name mb_regex_encoding " +
  "mb_regex_set_options mb_scrub mb_send_mail mb_split mb_str_pad mb_str_split mb_strcut mb_strimwidth mb_stripos " +
  "mb_stristr mb_strlen mb_strpos mb_strrchr mb_strrichr mb_strripos mb_strrpos mb_strstr mb_strtolower " +
  "mb_strtoupper mb_strwidth mb_substitute_character mb_substr mb_substr_count md5_file memory_get_peak_usage " +
  "memory_get_usage memory_reset_peak_usage metaphone mhash mhash_count mhash_get_block_size mhash_get_hash_name " +
  "mhash_keygen_s2k microtime mime_content_type mkdir mktime move_uploaded_file msg_get_queue msg_queue_exists " +
  "msg_receive msg_remove_queue msg_send msg_set_queue msg_stat_queue msgfmt_create msgfmt_format " +
  "msgfmt_format_message msgfmt_get_error_code msgfmt_get_error_message msgfmt_get_locale msgfmt_get_pattern " +
  "msgfmt_parse msgfmt_parse_message msgfmt_set_pattern mt_getrandmax mt_rand mt_srand mysqli_affected_rows " +
  "mysqli_autocommit mysqli_begin_transaction mysqli_change_user mysqli_character_set_name mysqli_close " +
  "mysqli_commit mysqli_connect mysqli_connect_errno mysqli_connect_error mysqli_data_seek mysqli_debug " +
  "mysqli_dump_debug_info mysqli_errno mysqli_error mysqli_error_list mysqli_execute_query mysqli_fetch_all " +
  "mysqli_fetch_array mysqli_fetch_assoc mysqli_fetch_column mysqli_fetch_field mysqli_fetch_field_direct " +
  "mysqli_fetch_fields mysqli_fetch_lengths mysqli_fetch_object mysqli_fetch_row mysqli_field_count " +
  "mysqli_field_seek mysqli_field_tell mysqli_free_result mysqli_get_charset mysqli_get_client_info " +
  "mysqli_get_client_stats mysqli_get_client_version mysqli_get_connection_stats mysqli_get_host_info " +
  "mysqli_get_links_stats mysqli_get_proto_info mysqli_get_server_info mysqli_get_server_version " +
  "mysqli_get_warnings mysqli_info mysqli_init mysqli_insert_id mysqli_kill mysqli_more_results " +
  "mysqli_multi_query mysqli_next_result mysqli_num_fields mysqli_num_rows mysqli_options mysqli_ping mysqli_poll " +
  "mysqli_prepare mysqli_query mysqli_real_connect mysqli_real_escape_string mysqli_real_query " +
  "mysqli_reap_async_query mysqli_refresh mysqli_release_savepoint mysqli_report mysqli_rollback mysqli_savepoint " +
  "mysqli_select_db mysqli_set_charset mysqli_sqlstate mysqli_ssl_set mysqli_stat mysqli_stmt_affected_rows " +
  "mysqli_stmt_attr_get mysqli_stmt_attr_set mysqli_stmt_bind_param mysqli_stmt_bind_result mysqli_stmt_close " +
  "mysqli_stmt_data_seek mysqli_stmt_errno mysqli_stmt_error mysqli_stmt_error_list mysqli_stmt_execute " +
  "mysqli_stmt_fetch mysqli_stmt_field_count mysqli_stmt_free_result mysqli_stmt_get_result " +
  "mysqli_stmt_get_warnings mysqli_stmt_init mysqli_stmt_insert_id mysqli_stmt_more_results " +
  "mysqli_stmt_next_result mysqli_stmt_num_rows mysqli_stmt_param_count mysqli_stmt_prepare mysqli_stmt_reset " +
  "mysqli_stmt_result_metadata mysqli_stmt_send_long_data mysqli_stmt_sqlstate mysqli_stmt_store_result " +
  "mysqli_store_result mysqli_thread_id mysqli_thread_safe mysqli_use_result mysqli_warning_count natcasesort " +
  "natsort net_get_interfaces ngettext nl2br nl_langinfo normalizer_get_raw_decomposition " +
  "normalizer_is_normalized normalizer_normalize numfmt_create numfmt_format numfmt_format_currency " +
  "numfmt_get_attribute numfmt_get_error_code numfmt_get_error_message numfmt_get_locale numfmt_get_pattern " +
  "numfmt_get_symbol numfmt_get_text_attribute numfmt_parse numfmt_parse_currency numfmt_set_attribute " +
  "numfmt_set_pattern numfmt_set_symbol numfmt_set_text_attribute ob_clean ob_end_clean ob_end_flush ob_flush " +
  "ob_get_clean ob_get_contents ob_get_flush ob_get_length ob_get_level ob_get_status ob_gzhandler " +
  "ob_implicit_flush ob_list_handlers oci_bind_array_by_name oci_bind_by_name oci_cancel oci_client_version " +
  "oci_close oci_collection_append oci_collection_assign oci_collection_element_assign oci_collection_element_get " +
  "oci_collection_max oci_collection_size oci_collection_trim oci_commit oci_connect oci_define_by_name oci_error " +
  "oci_execute oci_fetch oci_fetch_all oci_fetch_array oci_fetch_assoc oci_fetch_object oci_fetch_row " +
  "oci_field_is_null oci_field_name oci_field_precision oci_field_scale oci_field_size oci_field_type " +
  "oci_field_type_raw oci_free_collection oci_free_descriptor oci_free_statement oci_get_implicit_resultset " +
  "oci_lob_append oci_lob_copy oci_lob_eof oci_lob_erase oci_lob_export oci_lob_flush oci_lob_import " +
  "oci_lob_is_equal oci_lob_load oci_lob_read oci_lob_rewind oci_lob_save oci_lob_seek oci_lob_size oci_lob_tell " +
  "oci_lob_truncate oci_lob_write oci_new_collection oci_new_connect oci_new_cursor oci_new_descriptor " +
  "oci_num_fields oci_num_rows oci_parse oci_password_change oci_pconnect oci_register_taf_callback oci_result " +
  "oci_rollback oci_server_version oci_set_action oci_set_call_timeout oci_set_client_identifier " +
  "oci_set_client_info oci_set_db_operation oci_set_edition oci_set_module_name oci_set_prefetch " +
  "oci_set_prefetch_lob oci_statement_type oci_unregister_taf_callback ocifetchinto ocigetbufferinglob " +
  "ocisetbufferinglob octdec odbc_autocommit odbc_binmode odbc_close odbc_close_all odbc_columnprivileges " +
  "odbc_columns odbc_commit odbc_connect odbc_connection_string_is_quoted odbc_connection_string_quote " +
  "odbc_connection_string_should_quote odbc_cursor odbc_data_source odbc_error odbc_errormsg odbc_exec " +
  "odbc_execute odbc_fetch_array odbc_fetch_into odbc_fetch_object odbc_fetch_row odbc_field_len odbc_field_name " +
  "odbc_field_num odbc_field_scale odbc_field_type odbc_foreignkeys odbc_free_result odbc_gettypeinfo " +
  "odbc_longreadlen odbc_next_result odbc_num_fields odbc_num_rows odbc_pconnect odbc_prepare odbc_primarykeys " +
  "odbc_procedurecolumns odbc_procedures odbc_result odbc_result_all odbc_rollback odbc_setoption " +
  "odbc_specialcolumns odbc_statistics odbc_tableprivileges odbc_tables opcache_compile_file " +
  "opcache_get_configuration opcache_get_status opcache_invalidate opcache_is_script_cached opcache_reset opendir " +
  "openlog openssl_cipher_iv_length openssl_cipher_key_length openssl_cms_decrypt openssl_cms_encrypt " +
  "openssl_cms_read openssl_cms_sign openssl_cms_verify openssl_csr_export openssl_csr_export_to_file " +
  "openssl_csr_get_public_key openssl_csr_get_subject openssl_csr_new openssl_csr_sign openssl_decrypt " +
  "openssl_dh_compute_key openssl_digest openssl_encrypt openssl_error_string openssl_get_cert_locations " +
  "openssl_get_cipher_methods openssl_get_curve_names openssl_get_md_methods openssl_open openssl_pbkdf2 " +
  "openssl_pkcs12_export openssl_pkcs12_export_to_file openssl_pkcs12_read openssl_pkcs7_decrypt " +
  "openssl_pkcs7_encrypt openssl_pkcs7_read openssl_pkcs7_sign openssl_pkcs7_verify openssl_pkey_derive " +
  "openssl_pkey_export openssl_pkey_export_to_file openssl_pkey_free openssl_pkey_get_details " +
  "openssl_pkey_get_private openssl_pkey_get_public openssl_pkey_new openssl_private_decrypt " +
  "openssl_private_encrypt openssl_public_decrypt openssl_public_encrypt openssl_random_pseudo_bytes openssl_seal " +
  "openssl_sign openssl_spki_export openssl_spki_export_challenge openssl_spki_new openssl_spki_verify " +
  "openssl_verify openssl_x509_check_private_key openssl_x509_checkpurpose openssl_x509_export " +
  "openssl_x509_export_to_file openssl_x509_fingerprint openssl_x509_free openssl_x509_parse openssl_x509_read " +
  "openssl_x509_verify output_add_rewrite_var output_reset_rewrite_vars parse_ini_file parse_ini_string parse_str " +
  "passthru password_algos password_get_info password_hash password_needs_rehash password_verify pathinfo pclose " +
  "pcntl_alarm pcntl_async_signals pcntl_exec pcntl_fork pcntl_forkx pcntl_get_last_error pcntl_getpriority " +
  "pcntl_rfork pcntl_setpriority pcntl_signal pcntl_signal_dispatch pcntl_signal_get_handler pcntl_sigprocmask " +
  "pcntl_sigtimedwait pcntl_sigwaitinfo pcntl_strerror pcntl_unshare pcntl_wait pcntl_waitpid pcntl_wexitstatus " +
  "pcntl_wifcontinued pcntl_wifexited pcntl_wifsignaled pcntl_wifstopped pcntl_wstopsig pcntl_wtermsig " +
  "pdo_drivers pfsockopen pg_affected_rows pg_cancel_query pg_client_encoding pg_close pg_connect pg_connect_poll " +
  "pg_connection_busy pg_connection_reset pg_connection_status pg_consume_input pg_convert pg_copy_from " +
  "pg_copy_to pg_dbname pg_delete pg_end_copy pg_enter_pipeline_mode pg_escape_bytea pg_escape_identifier " +
  "pg_escape_literal pg_escape_string pg_execute pg_exit_pipeline_mode pg_fetch_all pg_fetch_all_columns " +
  "pg_fetch_array pg_fetch_assoc pg_fetch_object pg_fetch_result pg_fetch_row pg_field_is_null pg_field_name " +
  "pg_field_num pg_field_prtlen pg_field_size pg_field_table pg_field_type pg_field_type_oid pg_fieldisnull " +
  "pg_fieldprtlen pg_flush pg_free_result pg_get_notify pg_get_pid pg_get_result pg_host pg_insert pg_last_error " +
  "pg_last_notice pg_last_oid pg_lo_close pg_lo_create pg_lo_export pg_lo_import pg_lo_open pg_lo_read " +
  "pg_lo_read_all pg_lo_seek pg_lo_tell pg_lo_truncate pg_lo_unlink pg_lo_write pg_meta_data pg_num_fields " +
  "pg_num_rows pg_options pg_parameter_status pg_pconnect pg_ping pg_pipeline_status pg_pipeline_sync pg_port " +
  "pg_prepare pg_put_line pg_query pg_query_params pg_result_error pg_result_error_field pg_result_seek " +
  "pg_result_status pg_select pg_send_execute pg_send_prepare pg_send_query pg_send_query_params " +
  "pg_set_client_encoding pg_set_error_context_visibility pg_set_error_verbosity pg_socket pg_trace " +
  "pg_transaction_status pg_tty pg_unescape_bytea pg_untrace pg_update pg_version php_ini_loaded_file " +
  "php_ini_scanned_files php_sapi_name php_strip_whitespace php_uname phpcredits phpdbg_break_file " +
  "phpdbg_break_function phpdbg_break_method phpdbg_break_next phpdbg_clear phpdbg_color phpdbg_end_oplog " +
  "phpdbg_exec phpdbg_get_executable phpdbg_prompt phpdbg_start_oplog phpinfo phpversion posix_access " +
  "posix_ctermid posix_eaccess posix_fpathconf posix_get_last_error posix_getcwd posix_getegid posix_geteuid " +
  "posix_getgid posix_getgrgid posix_getgrnam posix_getgroups posix_getlogin posix_getpgid posix_getpgrp " +
  "posix_getpid posix_getppid posix_getpwnam posix_getpwuid posix_getrlimit posix_getsid posix_getuid " +
  "posix_initgroups posix_isatty posix_kill posix_mkfifo posix_mknod posix_pathconf posix_setegid posix_seteuid " +
  "posix_setgid posix_setpgid posix_setrlimit posix_setsid posix_setuid posix_strerror posix_sysconf posix_times " +
  "posix_ttyname posix_uname preg_filter preg_grep preg_last_error preg_last_error_msg preg_match_all preg_quote " +
  "preg_replace_callback preg_replace_callback_array preg_split proc_close proc_get_status proc_nice proc_open " +
  "proc_terminate property_exists pspell_add_to_personal pspell_add_to_session pspell_check pspell_clear_session " +
  "pspell_config_create pspell_config_data_dir pspell_config_dict_dir pspell_config_ignore pspell_config_mode " +
  "pspell_config_personal pspell_config_repl pspell_config_runtogether pspell_config_save_repl pspell_new " +
  "pspell_new_config pspell_new_personal pspell_save_wordlist pspell_store_replacement pspell_suggest putenv " +
  "quoted_printable_decode quoted_printable_encode quotemeta rad2deg random_bytes random_int rawurldecode " +
  "rawurlencode readdir readfile readgzfile readline readline_add_history readline_callback_handler_install " +
  "readline_callback_handler_remove readline_callback_read_char readline_clear_history " +
  "readline_completion_function readline_info readline_list_history readline_on_new_line readline_read_history " +
  "readline_redisplay readline_write_history readlink realpath realpath_cache_get realpath_cache_size " +
  "register_shutdown_function register_tick_function resourcebundle_count resourcebundle_create " +
  "resourcebundle_get resourcebundle_get_error_code resourcebundle_get_error_message resourcebundle_locales " +
  "restore_error_handler restore_exception_handler rewind rewinddir rmdir rsort sapi_windows_cp_conv " +
  "sapi_windows_cp_get sapi_windows_cp_is_utf8 sapi_windows_cp_set sapi_windows_generate_ctrl_event " +
  "sapi_windows_set_ctrl_handler sapi_windows_vt100_support scandir sem_acquire sem_get sem_release sem_remove " +
  "session_abort session_cache_expire session_cache_limiter session_create_id session_decode session_destroy " +
  "session_encode session_gc session_get_cookie_params session_id session_module_name session_name " +
  "session_regenerate_id session_register_shutdown session_reset session_save_path session_set_cookie_params " +
  "session_set_save_handler session_start session_status session_unset session_write_close set_error_handler " +
  "set_exception_handler set_include_path set_time_limit setcookie setlocale setrawcookie sha1 sha1_file " +
  "shell_exec shm_attach shm_detach shm_get_var shm_has_var shm_put_var shm_remove shm_remove_var shmop_close " +
  "shmop_delete shmop_open shmop_read shmop_size shmop_write similar_text simplexml_import_dom " +
  "simplexml_load_file simplexml_load_string sinh snmp2_get snmp2_getnext snmp2_real_walk snmp2_set snmp2_walk " +
  "snmp3_get snmp3_getnext snmp3_real_walk snmp3_set snmp3_walk snmp_get_quick_print snmp_get_valueretrieval " +
  "snmp_read_mib snmp_set_enum_print snmp_set_oid_output_format snmp_set_quick_print snmp_set_valueretrieval " +
  "snmpget snmpgetnext snmprealwalk snmpset snmpwalk socket_accept socket_addrinfo_bind socket_addrinfo_connect " +
  "socket_addrinfo_explain socket_addrinfo_lookup socket_atmark socket_bind socket_clear_error socket_close " +
  "socket_cmsg_space socket_connect socket_create socket_create_listen socket_create_pair socket_export_stream " +
  "socket_get_option socket_getpeername socket_getsockname socket_import_stream socket_last_error socket_listen " +
  "socket_read socket_recv socket_recvfrom socket_recvmsg socket_select socket_send socket_sendmsg socket_sendto " +
  "socket_set_block socket_set_nonblock socket_set_option socket_shutdown socket_strerror socket_write " +
  "socket_wsaprotocol_info_export socket_wsaprotocol_info_import socket_wsaprotocol_info_release sodium_add " +
  "sodium_base642bin sodium_bin2base64 sodium_bin2hex sodium_compare sodium_crypto_aead_aes256gcm_decrypt " +
  "sodium_crypto_aead_aes256gcm_encrypt sodium_crypto_aead_aes256gcm_keygen sodium_crypto_auth " +
  "sodium_crypto_auth_keygen sodium_crypto_auth_verify sodium_crypto_box sodium_crypto_box_keypair " +
  "sodium_crypto_box_open sodium_crypto_box_publickey sodium_crypto_box_seal sodium_crypto_box_seal_open " +
  "sodium_crypto_box_secretkey sodium_crypto_box_seed_keypair sodium_crypto_core_ristretto255_add " +
  "sodium_crypto_core_ristretto255_random sodium_crypto_core_ristretto255_sub sodium_crypto_generichash " +
  "sodium_crypto_generichash_final sodium_crypto_generichash_init sodium_crypto_generichash_keygen " +
  "sodium_crypto_generichash_update sodium_crypto_kdf_derive_from_key sodium_crypto_kdf_keygen " +
  "sodium_crypto_kx_client_session_keys sodium_crypto_kx_keypair sodium_crypto_kx_publickey " +
  "sodium_crypto_kx_secretkey sodium_crypto_kx_seed_keypair sodium_crypto_kx_server_session_keys " +
  "sodium_crypto_pwhash sodium_crypto_pwhash_str sodium_crypto_pwhash_str_needs_rehash " +
  "sodium_crypto_pwhash_str_verify sodium_crypto_scalarmult sodium_crypto_scalarmult_ristretto255 " +
  "sodium_crypto_secretbox sodium_crypto_secretbox_keygen sodium_crypto_secretbox_open sodium_crypto_shorthash " +
  "sodium_crypto_shorthash_keygen sodium_crypto_sign sodium_crypto_sign_detached sodium_crypto_sign_keypair " +
  "sodium_crypto_sign_open sodium_crypto_sign_publickey sodium_crypto_sign_secretkey " +
  "sodium_crypto_sign_seed_keypair sodium_crypto_sign_verify_detached sodium_crypto_stream " +
  "sodium_crypto_stream_keygen sodium_crypto_stream_xchacha20 sodium_crypto_stream_xchacha20_keygen " +
  "sodium_crypto_stream_xchacha20_xor sodium_crypto_stream_xchacha20_xor_ic sodium_crypto_stream_xor " +
  "sodium_hex2bin sodium_increment sodium_memcmp sodium_memzero sodium_pad sodium_unpad soundex spl_autoload " +
  "spl_autoload_call spl_autoload_extensions spl_autoload_functions spl_autoload_register spl_autoload_unregister " +
  "spl_classes spl_object_hash spl_object_id sprintf sqrt sscanf str_contains str_decrement str_ends_with " +
  "str_getcsv str_increment str_ireplace str_pad str_repeat str_rot13 str_shuffle str_split str_starts_with " +
  "str_word_count strcasecmp strcmp strcoll strcspn stream_bucket_append stream_bucket_make_writeable " +
  "stream_bucket_new stream_bucket_prepend stream_context_create stream_context_get_default " +
  "stream_context_get_options stream_context_get_params stream_context_set_default stream_context_set_option " +
  "stream_context_set_options stream_context_set_params stream_copy_to_stream stream_filter_append " +
  "stream_filter_prepend stream_filter_register stream_filter_remove stream_get_contents stream_get_filters " +
  "stream_get_line stream_get_meta_data stream_get_transports stream_get_wrappers stream_is_local stream_isatty " +
  "stream_resolve_include_path stream_select stream_set_blocking stream_set_chunk_size stream_set_read_buffer " +
  "stream_set_timeout stream_set_write_buffer stream_socket_accept stream_socket_client " +
  "stream_socket_enable_crypto stream_socket_get_name stream_socket_pair stream_socket_recvfrom " +
  "stream_socket_sendto stream_socket_server stream_socket_shutdown stream_supports_lock stream_wrapper_register " +
  "stream_wrapper_restore stream_wrapper_unregister strftime stripcslashes stripos stripslashes stristr " +
  "strnatcasecmp strnatcmp strncasecmp strncmp strpbrk strptime strrchr strrev strripos strrpos strspn strstr " +
  "strtok strtr strval substr_compare substr_count substr_replace sys_get_temp_dir sys_getloadavg tanh tempnam " +
  "test1 test2 textdomain tidy_access_count tidy_clean_repair tidy_config_count tidy_diagnose tidy_error_count " +
  "tidy_get_body tidy_get_config tidy_get_error_buffer tidy_get_head tidy_get_html tidy_get_html_ver " +
  "tidy_get_opt_doc tidy_get_output tidy_get_release tidy_get_root tidy_get_status tidy_getopt tidy_is_xhtml " +
  "tidy_is_xml tidy_parse_file tidy_parse_string tidy_repair_file tidy_repair_string tidy_warning_count " +
  "time_nanosleep time_sleep_until timezone_abbreviations_list timezone_identifiers_list timezone_location_get " +
  "timezone_name_from_abbr timezone_name_get timezone_offset_get timezone_open timezone_transitions_get " +
  "timezone_version_get tmpfile token_get_all token_name trait_exists transliterator_create " +
  "transliterator_create_from_rules transliterator_create_inverse transliterator_get_error_code " +
  "transliterator_get_error_message transliterator_list_ids transliterator_transliterate trigger_error uasort " +
  "ucwords uksort umask uniqid unixtojd unregister_tick_function urldecode use_soap_error_handler usleep usort " +
  "utf8_decode utf8_encode var_dump var_export variant_abs variant_add variant_and variant_cast variant_cat " +
  "variant_cmp variant_date_from_timestamp variant_date_to_timestamp variant_div variant_eqv variant_fix " +
  "variant_get_type variant_idiv variant_imp variant_int variant_mod variant_mul variant_neg variant_not " +
  "variant_or variant_pow variant_round variant_set variant_set_type variant_sub variant_xor version_compare " +
  "vfprintf vprintf vsprintf wordwrap xml_error_string xml_get_current_byte_index xml_get_current_column_number " +
  "xml_get_current_line_number xml_get_error_code xml_parse xml_parse_into_struct xml_parser_create " +
  "xml_parser_create_ns xml_parser_free xml_parser_get_option xml_parser_set_option " +
  "xml_set_character_data_handler xml_set_default_handler xml_set_element_handler " +
  "xml_set_end_namespace_decl_handler xml_set_external_entity_ref_handler xml_set_notation_decl_handler " +
  "xml_set_object xml_set_processing_instruction_handler xml_set_start_namespace_decl_handler " +
  "xml_set_unparsed_entity_decl_handler xmlwriter_end_attribute xmlwriter_end_cdata xmlwriter_end_comment " +
  "xmlwriter_end_document xmlwriter_end_dtd xmlwriter_end_dtd_attlist xmlwriter_end_dtd_element " +
  "xmlwriter_end_dtd_entity xmlwriter_end_element xmlwriter_end_pi xmlwriter_flush xmlwriter_full_end_element " +
  "xmlwriter_open_memory xmlwriter_open_uri xmlwriter_output_memory xmlwriter_set_indent " +
  "xmlwriter_set_indent_string xmlwriter_start_attribute xmlwriter_start_attribute_ns xmlwriter_start_cdata " +
  "xmlwriter_start_comment xmlwriter_start_document xmlwriter_start_dtd xmlwriter_start_dtd_attlist " +
  "xmlwriter_start_dtd_element xmlwriter_start_dtd_entity xmlwriter_start_element xmlwriter_start_element_ns " +
  "xmlwriter_start_pi xmlwriter_text xmlwriter_write_attribute xmlwriter_write_attribute_ns xmlwriter_write_cdata " +
  "xmlwriter_write_comment xmlwriter_write_dtd xmlwriter_write_dtd_attlist xmlwriter_write_dtd_element " +
  "xmlwriter_write_dtd_entity xmlwriter_write_element xmlwriter_write_element_ns xmlwriter_write_pi " +
  "xmlwriter_write_raw zend_call_method zend_create_unterminated_string zend_get_current_func_name " +
  "zend_get_map_ptr_last zend_get_unit_enum zend_iterable zend_iterable_legacy zend_leak_bytes zend_leak_variable " +
  "zend_number_or_string zend_number_or_string_or_null zend_string_or_object zend_string_or_object_or_null " +
  "zend_string_or_stdclass zend_string_or_stdclass_or_null zend_terminate_string zend_test_array_return " +
  "zend_test_compile_string zend_test_crash zend_test_create_throwing_resource zend_test_deprecated " +
  "zend_test_fill_packed_array zend_test_func zend_test_is_string_marked_as_valid_utf8 " +
  "zend_test_nullable_array_return zend_test_override_libxml_global_state zend_test_parameter_with_attribute " +
  "zend_test_void_return zend_test_zend_call_stack_get zend_test_zend_call_stack_use_all " +
  "zend_test_zend_ini_parse_quantity zend_test_zend_ini_parse_uquantity zend_test_zend_ini_str zend_thread_id " +
  "zend_version zend_weakmap_attach zend_weakmap_dump zend_weakmap_remove zendtestns2_namespaced_deprecated_func " +
  "zendtestns2_namespaced_func zendtestns2_zendsubns_namespaced_func zip_close zip_entry_close " +
  "zip_entry_compressedsize zip_entry_compressionmethod zip_entry_filesize zip_entry_name zip_entry_open " +
  "zip_entry_read zip_open zip_read zlib_decode zlib_encode zlib_get_coding_type";
/** CRS 933161 (PL3): PHP functions that are common English words, followed by "(". */
export const PHP_CALL_PL3: string =
  "abs asin assert assert_options basename checkdate chr chroot compact constant copy cos cosh count " +
  "create_function crypt current date decoct define defined dir end eval exec exp explode extract file fileatime " +
  "filectime filegroup fileinode filemtime fileowner fileperms filesize filetype flock floor flush glob hash " +
  "header idate imagegif imagejpeg imagepng imagewbmp imagexbm implode is_a key link log mail max md5 min name " +
  "next opendir ord pack pass passthru pi popen pow prev rand range readfile rename reset round serialize shuffle " +
  "sin sleep sort stat substr symlink syslog system tan time tmpfile touch trim ucfirst unlink unpack virtual";
/** CRS 933120 (PL1): php.ini directives, which count when assigned ("name = value"). */
export const PHP_INI: string =
  "allow_url_fopen allow_url_include apc.coredump_unmap apc.enable_cli apc.enabled apc.entries_hint apc.gc_ttl " +
  "apc.mmap_file_mask apc.preload_path apc.serializer apc.shm_segments apc.shm_size apc.slam_defense apc.ttl " +
  "apc.use_request_time arg_separator.input arg_separator.output assert.active assert.bail assert.callback " +
  "assert.exception assert.quiet_eval assert.warning auto_append_file auto_detect_line_endings auto_globals_jit " +
  "auto_prepend_file bcmath.scale browscap cgi.check_shebang_line cgi.discard_path cgi.fix_pathinfo " +
  "cgi.force_redirect cgi.nph cgi.redirect_status_env cgi.rfc2616_headers child_terminate cli.pager cli.prompt " +
  "cli_server.color com.allow_dcom com.autoregister_casesensitive com.autoregister_typelib " +
  "com.autoregister_verbose com.code_page com.dotnet_version com.typelib_file curl.cainfo date.default_latitude " +
  "date.default_longitude date.sunrise_zenith date.sunset_zenith date.timezone dba.default_handler " +
  "default_charset default_mimetype default_socket_timeout disable_classes disable_functions display_errors " +
  "display_startup_errors doc_root docref_ext docref_root enable_dl enable_post_data_reading engine " +
  "error_append_string error_log error_prepend_string error_reporting exif.decode_jis_intel " +
  "exif.decode_jis_motorola exif.decode_unicode_intel exif.decode_unicode_motorola exif.encode_jis " +
  "exif.encode_unicode exit_on_timeout expect.logfile expect.loguser expect.match_max expect.timeout expose_php " +
  "extension extension_dir fastcgi.impersonate fastcgi.logging ffi.enable ffi.preload file_uploads filter.default " +
  "filter.default_flags gd.jpeg_ignore_warning geoip.custom_directory hard_timeout highlight.comment " +
  "highlight.default highlight.html highlight.keyword highlight.string html_errors ibase.allow_persistent " +
  "ibase.dateformat ibase.default_charset ibase.default_db ibase.default_password ibase.default_user " +
  "ibase.max_links ibase.max_persistent ibase.timeformat ibase.timestampformat ibm_db2.binmode " +
  "ibm_db2.i5_all_pconnect ibm_db2.i5_allow_commit ibm_db2.i5_dbcs_alloc ibm_db2.i5_ignore_userid " +
  "ibm_db2.instance_name iconv.input_encoding iconv.internal_encoding iconv.output_encoding " +
  "igbinary.compact_strings ignore_repeated_errors ignore_repeated_source ignore_user_abort imagick.locale_fix " +
  "imagick.progress_monitor imagick.skip_version_check imap.enable_insecure_rsh implicit_flush include_path " +
  "input_encoding internal_encoding intl.default_locale intl.error_level intl.use_exceptions ldap.max_links " +
  "log_errors log_errors_max_len magic_quotes_gpc magic_quotes_runtime mail.add_x_header " +
  "mail.force_extra_parameters mail.log mailparse.def_charset max_execution_time max_file_uploads " +
  "max_input_nesting_level max_input_time max_input_vars mbstring.detect_order mbstring.encoding_translation " +
  "mbstring.func_overload mbstring.http_input mbstring.http_output mbstring.http_output_conv_mimetypes " +
  "mbstring.internal_encoding mbstring.language mbstring.regex_retry_limit mbstring.regex_stack_limit " +
  "mbstring.strict_detection mbstring.substitute_character mcrypt.algorithms_dir mcrypt.modes_dir " +
  "memcache.allow_failover memcache.chunk_size memcache.compress_threshold memcache.default_port " +
  "memcache.hash_function memcache.hash_strategy memcache.lock_timeout memcache.max_failover_attempts " +
  "memcache.protocol memcache.redundancy memcache.session_redundancy memcached.compression_factor " +
  "memcached.compression_threshold memcached.compression_type memcached.default_binary_protocol " +
  "memcached.default_connect_timeout memcached.default_consistent_hash memcached.serializer memcached.sess_binary " +
  "memcached.sess_binary_protocol memcached.sess_connect_timeout memcached.sess_consistent_hash " +
  "memcached.sess_consistent_hash_type memcached.sess_lock_expire memcached.sess_lock_retries " +
  "memcached.sess_lock_wait memcached.sess_lock_wait_max memcached.sess_lock_wait_min memcached.sess_locking " +
  "memcached.sess_number_of_replicas memcached.sess_persistent memcached.sess_prefix " +
  "memcached.sess_randomize_replica_read memcached.sess_remove_failed memcached.sess_remove_failed_servers " +
  "memcached.sess_sasl_password memcached.sess_sasl_username memcached.sess_server_failure_limit " +
  "memcached.store_retry_count memcached.use_sasl memory_limit mysql.allow_local_infile mysql.allow_persistent " +
  "mysql.connect_timeout mysql.default_host mysql.default_password mysql.default_port mysql.default_socket " +
  "mysql.default_user mysql.max_links mysql.max_persistent mysql.trace_mode mysqli.allow_local_infile " +
  "mysqli.allow_persistent mysqli.default_host mysqli.default_port mysqli.default_pw mysqli.default_socket " +
  "mysqli.default_user mysqli.local_infile_directory mysqli.max_links mysqli.max_persistent mysqli.reconnect " +
  "mysqli.rollback_on_cached_plink mysqlnd.collect_memory_statistics mysqlnd.collect_statistics mysqlnd.debug " +
  "mysqlnd.fetch_data_copy mysqlnd.log_mask mysqlnd.mempool_default_size mysqlnd.net_cmd_buffer_size " +
  "mysqlnd.net_read_buffer_size mysqlnd.net_read_timeout mysqlnd.sha256_server_public_key mysqlnd.trace_alloc " +
  "oci8.connection_class oci8.default_prefetch oci8.events oci8.max_persistent oci8.old_oci_close_semantics " +
  "oci8.persistent_timeout oci8.ping_interval oci8.prefetch_lob_size oci8.privileged_connect " +
  "oci8.statement_cache_size odbc.allow_persistent odbc.check_persistent odbc.default_cursortype odbc.default_db " +
  "odbc.default_pw odbc.default_user odbc.defaultbinmode odbc.defaultlrl odbc.max_links odbc.max_persistent " +
  "opcache.blacklist_filename opcache.cache_id opcache.consistency_checks opcache.dups_fix opcache.enable " +
  "opcache.enable_cli opcache.enable_file_override opcache.error_log opcache.fast_shutdown opcache.file_cache " +
  "opcache.file_cache_consistency_checks opcache.file_cache_fallback opcache.file_cache_only " +
  "opcache.file_update_protection opcache.force_restart_timeout opcache.huge_code_pages opcache.inherited_hack " +
  "opcache.interned_strings_buffer opcache.jit opcache.jit_bisect_limit opcache.jit_blacklist_root_trace " +
  "opcache.jit_blacklist_side_trace opcache.jit_buffer_size opcache.jit_debug opcache.jit_hot_func " +
  "opcache.jit_hot_loop opcache.jit_hot_return opcache.jit_hot_side_exit opcache.jit_max_exit_counters " +
  "opcache.jit_max_loop_unrolls opcache.jit_max_polymorphic_calls opcache.jit_max_recursive_calls " +
  "opcache.jit_max_recursive_returns opcache.jit_max_root_traces opcache.jit_max_side_traces " +
  "opcache.jit_prof_threshold opcache.lockfile_path opcache.log_verbosity_level opcache.max_accelerated_files " +
  "opcache.max_file_size opcache.max_wasted_percentage opcache.memory_consumption opcache.mmap_base " +
  "opcache.opt_debug_level opcache.optimization_level opcache.preferred_memory_model opcache.preload " +
  "opcache.preload_user opcache.protect_memory opcache.record_warnings opcache.restrict_api " +
  "opcache.revalidate_freq opcache.revalidate_path opcache.save_comments opcache.use_cwd " +
  "opcache.validate_permission opcache.validate_root opcache.validate_timestamps open_basedir openssl.cafile " +
  "openssl.capath output_buffering output_encoding output_handler pcre.backtrack_limit pcre.jit " +
  "pcre.recursion_limit pdo.dsn pdo_odbc.connection_pooling pdo_odbc.db2_instance_name pgsql.allow_persistent " +
  "pgsql.auto_reset_persistent pgsql.ignore_notice pgsql.log_notice pgsql.max_links pgsql.max_persistent " +
  "phar.cache_list phar.readonly phar.require_hash phpdbg.eol phpdbg.path post_max_size precision " +
  "realpath_cache_size realpath_cache_ttl register_argc_argv report_memleaks report_zend_debug request_order " +
  "runkit.internal_override runkit.superglobal seaslog.appender seaslog.appender_retry " +
  "seaslog.buffer_disabled_in_cli seaslog.buffer_size seaslog.default_basepath seaslog.default_datetime_format " +
  "seaslog.default_logger seaslog.default_template seaslog.disting_by_hour seaslog.disting_folder " +
  "seaslog.disting_type seaslog.ignore_warning seaslog.level seaslog.recall_depth seaslog.remote_host " +
  "seaslog.remote_port seaslog.remote_timeout seaslog.throw_exception seaslog.trace_error seaslog.trace_exception " +
  "seaslog.trace_notice seaslog.trace_warning seaslog.trim_wrap seaslog.use_buffer sendmail_from sendmail_path " +
  "serialize_precision session.auto_start session.cache_expire session.cache_limiter session.cookie_domain " +
  "session.cookie_httponly session.cookie_lifetime session.cookie_path session.cookie_samesite " +
  "session.cookie_secure session.entropy_file session.entropy_length session.gc_divisor session.gc_maxlifetime " +
  "session.gc_probability session.hash_bits_per_character session.hash_function session.lazy_write session.name " +
  "session.referer_check session.save_handler session.save_path session.serialize_handler " +
  "session.sid_bits_per_character session.sid_length session.trans_sid_hosts session.trans_sid_tags " +
  "session.upload_progress.cleanup session.upload_progress.enabled session.upload_progress.freq " +
  "session.upload_progress.min_freq session.upload_progress.name session.upload_progress.prefix " +
  "session.use_cookies session.use_only_cookies session.use_strict_mode session.use_trans_sid short_open_tag smtp " +
  "smtp_port soap.wsdl_cache soap.wsdl_cache_dir soap.wsdl_cache_enabled soap.wsdl_cache_limit " +
  "soap.wsdl_cache_ttl sql.safe_mode sqlite3.defensive sqlite3.extension_dir stomp.default_broker " +
  "stomp.default_connection_timeout_sec stomp.default_connection_timeout_usec stomp.default_read_timeout_sec " +
  "stomp.default_read_timeout_usec swoole.aio_thread_num swoole.display_errors swoole.enable_coroutine " +
  "swoole.enable_library swoole.enable_preemptive_scheduler swoole.fast_serialize swoole.unixsock_buffer_size " +
  "swoole.use_namespace swoole.use_shortname sys_temp_dir syslog.facility syslog.filter syslog.ident " +
  "sysvshm.init_mem taint.enable taint.error_level tidy.clean_output tidy.default_config track_errors " +
  "trader.real_precision trader.real_round_mode unserialize_callback_func unserialize_max_depth uopz.disable " +
  "uopz.exit uopz.overloads upload_max_filesize upload_tmp_dir uploadprogress.file.filename_template " +
  "url_rewriter.hosts url_rewriter.tags user_agent user_dir user_ini.cache_ttl user_ini.filename v8js.flags " +
  "v8js.max_disposed_contexts variables_order vld.active vld.execute vld.skip_append vld.skip_prepend " +
  "wincache.chkinterval wincache.enablecli wincache.fcachesize wincache.fcenabled wincache.fcenabledfilter " +
  "wincache.fcndetect wincache.filecount wincache.filemapdir wincache.ignorelist wincache.maxfilesize " +
  "wincache.namesalt wincache.ocachesize wincache.ocenabled wincache.ocenabledfilter wincache.reroute_enabled " +
  "wincache.rerouteini wincache.scachesize wincache.srwlocks wincache.ttlmax wincache.ucachesize " +
  "wincache.ucenabled windows.show_crt_warning wkhtmltox.graphics xbithack xhprof.output_dir xmlrpc_error_number " +
  "xmlrpc_errors yac.compress_threshold yac.debug yac.enable yac.enable_cli yac.keys_memory_size yac.serializer " +
  "yac.values_memory_size yaconf.check_delay yaconf.directory yaf.action_prefer yaf.cache_config yaf.environ " +
  "yaf.forward_limit yaf.library yaf.lowcase_path yaf.name_separator yaf.name_suffix yaf.use_namespace " +
  "yaf.use_spl_autoload yaml.decode_binary yaml.decode_php yaml.decode_timestamp yaml.output_canonical " +
  "yaml.output_indent yaml.output_width yar.connect_timeout yar.debug yar.expose_info yar.packager yar.timeout " +
  "yaz.keepalive yaz.log_mask zend.assertions zend.detect_unicode zend.enable_gc zend.exception_ignore_args " +
  "zend.exception_string_param_max_len zend.multibyte zend.script_encoding zend.signal_check zend_extension " +
  "zlib.output_compression zlib.output_compression_level zlib.output_handler zookeeper.recv_timeout " +
  "zookeeper.sess_lock_wait zookeeper.session_lock";
