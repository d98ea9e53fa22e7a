'use strict';
// daraja.js 1.0.2 against the standalone simulator, on its defaults.
// Base URL: none can be given. Its HttpClient takes the sandbox or production host from the environment name
// (dist/utils.js); the client is a private field. The script lets common.js redirect requests for the sandbox host
// to the simulator, inside this process only (http/https.request wrapped; the library's code is untouched).
const crypto = require('crypto');
const fs = require('fs');
const { Mpesa } = require('daraja.js');
const { run, requireCertificate } = require('./common');

run('daraja.js', async ({ config, listener, step, ok, check, callbackItem }) => {
  // A ready SecurityCredential (a documented constructor option), encrypted as Daraja specifies (RSA PKCS#1 v1.5,
  // base64). Its certificatePath option cannot be used: the credential is made asynchronously after the constructor
  // has already captured it (undefined), so Transaction Status would be sent with no SecurityCredential.
  const securityCredential = crypto.publicEncrypt(
    { key: fs.readFileSync(requireCertificate(config), 'utf8'), padding: crypto.constants.RSA_PKCS1_PADDING },
    Buffer.from(config.initiatorPassword)).toString('base64');
  const mpesa = new Mpesa({
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    securityCredential,
    organizationShortCode: Number(config.shortCode),
  }, 'sandbox');

  step('STK Push (token first)');
  // The library has no public token call: send() fetches one first. Defaults: AccountReference 'CompanyXLTD',
  // TransactionDesc 'Lipa na Mpesa Online' (20 characters), TransactionType CustomerPayBillOnline, a UTC Timestamp.
  const push = await mpesa.stkPush()
    .shortCode(config.shortCode)
    .amount(1)
    .callbackURL(listener.url('/cb/lib-daraja/stk'))
    .phoneNumber(Number(config.phone))
    .lipaNaMpesaPassKey(config.passkey)
    .send();
  // isOkay() alone proves nothing: the library answers an HTTP 500 (or no answer at all) with a stub whose isOkay()
  // is true, so the CheckoutRequestID is checked too.
  check(push.isOkay() && push.getTransactionID(), 'push not accepted', push.data);
  ok(`token issued, ResponseCode ${push.getResponseCode()}, CheckoutRequestID ${push.getTransactionID()}`);

  step('STK callback');
  const callback = await listener.waitFor('/cb/lib-daraja/stk');
  const stk = callback.body.Body.stkCallback;
  check(stk.CheckoutRequestID === push.getTransactionID() && stk.ResultCode === 0, 'unexpected callback', callback.body);
  const receipt = callbackItem(callback.body, 'MpesaReceiptNumber');
  ok(`ResultCode 0, receipt ${receipt}`);

  step('STK Push Query');
  const query = await mpesa.stkPush()
    .shortCode(config.shortCode)
    .checkoutRequestID(push.getTransactionID())
    .lipaNaMpesaPassKey(config.passkey)
    .queryStatus();
  check(query.getResultCode() === '0', 'query did not report the payment', query.data);
  ok(`ResultCode ${query.getResultCode()} (${query.getResultDescription()})`);

  step('Transaction Status');
  // Defaults: Initiator 'testapi', IdentifierType '1' (the library offers no setter), CommandID
  // TransactionStatusQuery, Remarks and Occasion 'Transaction Status'.
  const status = await mpesa.transactionStatus()
    .shortCode(config.shortCode)
    .transactionID(receipt)
    .resultURL(listener.url('/cb/lib-daraja/result'))
    .timeoutURL(listener.url('/cb/lib-daraja/timeout'))
    .queryStatus();
  check(status.isOkay() && status.data.ConversationID, 'Transaction Status not acknowledged', status.data);
  const result = (await listener.waitFor('/cb/lib-daraja/result')).body.Result;
  check(String(result.ResultCode) === '0' && result.TransactionID === receipt, 'unexpected Transaction Status result', result);
  ok(`acknowledged, then result ResultCode ${result.ResultCode} for ${result.TransactionID}`);
});
