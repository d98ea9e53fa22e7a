'use strict';
// mpesa-api 3.0.2 against the standalone simulator, on its defaults.
// Base URL: none can be given. The constructor picks https://sandbox.safaricom.co.ke or the production host, and its
// HttpService keeps only protocol and hostname (it drops any port), so no loopback address could be passed even by
// replacing it. The script therefore lets common.js redirect requests for the sandbox host to the simulator, inside
// this process only (http/https.request wrapped; the library's code is untouched).
const { Mpesa } = require('mpesa-api');
const { run, requireCertificate } = require('./common');

run('mpesa-api', async ({ config, listener, step, ok, check, callbackItem }) => {
  const mpesa = new Mpesa({
    clientKey: config.consumerKey,
    clientSecret: config.consumerSecret,
    initiatorPassword: config.initiatorPassword,
    certificatePath: requireCertificate(config),
  }, 'sandbox');

  step('token');
  const token = await mpesa.authenticate();
  check(typeof token === 'string' && token.length > 0, 'no access_token', token);
  ok(`access_token of ${token.length} characters`);

  step('STK Push');
  // Defaults: TransactionDesc 'Lipa Na Mpesa Online' (20 characters), a UTC Timestamp. TransactionType is passed:
  // the library's default is 'CustomerPayBillOnline ' with a trailing space, which the docs do not allow and the
  // simulator refuses in both modes (400.002.02 Invalid TransactionType). PartyB is required by the library.
  const push = await mpesa.lipaNaMpesaOnline({
    BusinessShortCode: Number(config.shortCode),
    Amount: 1,
    PartyA: config.phone,
    PartyB: config.shortCode,
    PhoneNumber: config.phone,
    CallBackURL: listener.url('/cb/lib-api/stk'),
    AccountReference: 'INV-1001',
    passKey: config.passkey,
    TransactionType: 'CustomerPayBillOnline',
  });
  check(push.ResponseCode === '0' && push.CheckoutRequestID, 'push not accepted', push);
  ok(`ResponseCode 0, CheckoutRequestID ${push.CheckoutRequestID}`);

  step('STK callback');
  const callback = await listener.waitFor('/cb/lib-api/stk');
  const stk = callback.body.Body.stkCallback;
  check(stk.CheckoutRequestID === push.CheckoutRequestID && stk.ResultCode === 0, 'unexpected callback', callback.body);
  const receipt = callbackItem(callback.body, 'MpesaReceiptNumber');
  ok(`ResultCode 0, receipt ${receipt}`);

  step('STK Push Query');
  const query = await mpesa.lipaNaMpesaQuery({
    BusinessShortCode: Number(config.shortCode),
    passKey: config.passkey,
    CheckoutRequestID: push.CheckoutRequestID,
  });
  check(query.ResponseCode === '0' && query.ResultCode === '0', 'query did not report the payment', query);
  ok(`ResultCode ${query.ResultCode} (${query.ResultDesc})`);

  step('Transaction Status');
  // Defaults: CommandID TransactionStatusQuery, Remarks 'Transaction Status', Occasion 'TransactionStatus'; the
  // SecurityCredential the library made from initiatorPassword and certificatePath.
  const status = await mpesa.transactionStatus({
    Initiator: config.initiatorName,
    TransactionID: receipt,
    PartyA: config.shortCode,
    IdentifierType: '4',
    ResultURL: listener.url('/cb/lib-api/result'),
    QueueTimeOutURL: listener.url('/cb/lib-api/timeout'),
  });
  check(status.ResponseCode === '0', 'Transaction Status not acknowledged', status);
  const result = (await listener.waitFor('/cb/lib-api/result')).body.Result;
  check(String(result.ResultCode) === '0' && result.TransactionID === receipt, 'unexpected Transaction Status result', result);
  ok(`acknowledged, then result ResultCode ${result.ResultCode} for ${result.TransactionID}`);
});
