// The verdicts ECMAScript gives DisplayText's published patterns, with the u flag and without.
// Reads {"patterns": {rule: pattern}, "texts": [[UTF-16 code units], ...]} on stdin (code units,
// so that unpaired surrogates arrive as they are) and writes
// {rule: {"": [verdict per text], "u": [...]}} on stdout. Run by DisplayTextInEcmaScriptTests.
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
	const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const texts = input.texts.map((units) => String.fromCharCode(...units));
	const verdicts = {};
	for (const [rule, pattern] of Object.entries(input.patterns)) {
		verdicts[rule] = {};
		for (const flags of ['', 'u']) {
			const regexp = new RegExp(pattern, flags);
			verdicts[rule][flags] = texts.map((text) => regexp.test(text));
		}
	}
	process.stdout.write(JSON.stringify(verdicts));
});
