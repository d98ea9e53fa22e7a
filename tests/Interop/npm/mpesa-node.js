'use strict';
// mpesa-node 0.1.3 (Safaricom's own Node library) against the standalone simulator, on its defaults.
// Base URL: the library has no option for it; its constructor hard-codes https://sandbox.safaricom.co.ke into the
// instance's `baseURL`, which every call reads (src/m-pesa.js, src/helpers/request.js, src/endpoints/oauth.js), so
// the script sets that property after construction. Nothing else is changed.
const Mpesa = require('mpesa-node');
const { run, requireCertificate } = require('./common');

run('mpesa-node', async ({ config, listener, step, ok, check, callbackItem }) => {
  const mpesa = new Mpesa({
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    environment: 'sandbox',
    lipaNaMpesaShortCode: config.shortCode,
    lipaNaMpesaShortPass: config.passkey,
    initiatorName: config.initiatorName,
    // The library's name for the initiator password; it encrypts it with certPath's certificate itself.
    securityCredential: config.initiatorPassword,
    certPath: requireCertificate(config),
  });
  mpesa.baseURL = config.baseUrl;

  step('token');
  const token = await mpesa.oAuth();
  check(typeof token.data.access_token === 'string' && token.data.access_token.length > 0, 'no access_token', token.data);
  ok(`access_token of ${token.data.access_token.length} characters, expires_in ${JSON.stringify(token.data.expires_in)}`);

  step('STK Push');
  // Defaults: TransactionDesc 'Lipa na mpesa online' (20 characters), TransactionType CustomerPayBillOnline, a UTC
  // Timestamp. The AccountReference is 15 characters, the length the 2026 sandbox was seen accepting.
  const push = await mpesa.lipaNaMpesaOnline(Number(config.phone), 1, listener.url('/cb/lib-node/stk'), 'INV-2026-000123');
  check(push.data.ResponseCode === '0' && push.data.CheckoutRequestID, 'push not accepted', push.data);
  ok(`ResponseCode 0, CheckoutRequestID ${push.data.CheckoutRequestID}`);

  step('STK callback');
  const callback = await listener.waitFor('/cb/lib-node/stk');
  const stk = callback.body.Body.stkCallback;
  check(stk.CheckoutRequestID === push.data.CheckoutRequestID && stk.ResultCode === 0, 'unexpected callback', callback.body);
  const receipt = callbackItem(callback.body, 'MpesaReceiptNumber');
  ok(`ResultCode 0, receipt ${receipt}`);

  step('STK Push Query');
  const query = await mpesa.lipaNaMpesaQuery(push.data.CheckoutRequestID);
  check(query.data.ResponseCode === '0' && query.data.ResultCode === '0', 'query did not report the payment', query.data);
  ok(`ResultCode ${query.data.ResultCode} (${query.data.ResultDesc})`);

  step('Transaction Status');
  const status = await mpesa.transactionStatus(
    receipt, config.shortCode, 4, listener.url('/cb/lib-node/timeout'), listener.url('/cb/lib-node/result'));
  check(status.data.ResponseCode === '0', 'Transaction Status not acknowledged', status.data);
  const result = (await listener.waitFor('/cb/lib-node/result')).body.Result;
  check(String(result.ResultCode) === '0' && result.TransactionID === receipt, 'unexpected Transaction Status result', result);
  ok(`acknowledged, then result ResultCode ${result.ResultCode} for ${result.TransactionID}`);
});
