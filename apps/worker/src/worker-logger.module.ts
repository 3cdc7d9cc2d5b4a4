import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@xietong/config';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, base: { process: 'worker' } },
      }),
    }),
  ],
})
export class WorkerLoggerModule {}
